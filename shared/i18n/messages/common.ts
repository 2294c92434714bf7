/**
 * Messages used everywhere. Each area file exports `sv` and `en: typeof sv`, so a key missing in
 * English fails the type check. Plurals and interpolations are functions.
 */
export const sv = {
  appName: 'Idésluss',
  kind: { idea: 'Idé', challenge: 'Utmaning', 'good-example': 'Gott exempel' },
  state: {
    draft: 'Utkast – bara på den här datorn',
    queued: 'Väntar på att skickas',
    sending: 'Skickas nu',
    sent: 'Skickad till intranätet',
    'needs-attention': 'Behöver ändras',
  },
  status: {
    received: 'Mottagen',
    'in-review': 'Under bedömning',
    piloting: 'Testas',
    implemented: 'Införd',
    declined: 'Avböjd',
  },
  fieldError: {
    required: 'Fyll i fältet.',
    too_long: (max: number) => `Texten får vara högst ${max} tecken.`,
    invalid_url: 'Adressen måste börja med http:// eller https://.',
    invalid_value: 'Värdet är inte tillåtet. Ta bort osynliga styrtecken eller välj ett annat värde.',
    invalid_type: 'Värdet har fel format.',
    /** An `invalid_value` on `challengeId`: the intranet knows no such open challenge. */
    unknownChallenge: 'Utmaningen finns inte längre eller är stängd. Välj en annan eller ingen.',
  },
};

export const en: typeof sv = {
  appName: 'Idésluss',
  kind: { idea: 'Idea', challenge: 'Challenge', 'good-example': 'Good example' },
  state: {
    draft: 'Draft – only on this computer',
    queued: 'Waiting to be sent',
    sending: 'Sending now',
    sent: 'Sent to the intranet',
    'needs-attention': 'Needs changes',
  },
  status: {
    received: 'Received',
    'in-review': 'In review',
    piloting: 'Being piloted',
    implemented: 'Implemented',
    declined: 'Declined',
  },
  fieldError: {
    required: 'Please fill in this field.',
    too_long: (max: number) => `The text may be at most ${max} characters.`,
    invalid_url: 'The address must start with http:// or https://.',
    invalid_value: 'This value is not allowed. Remove invisible control characters or choose another value.',
    invalid_type: 'The value has the wrong format.',
    unknownChallenge: 'The challenge no longer exists or is closed. Choose another one or none.',
  },
};
