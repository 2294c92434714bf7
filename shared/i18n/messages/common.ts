/**
 * Messages used everywhere. Each area file exports `sv` and `en: typeof sv`, so a key missing in
 * English fails the type check. Plurals and interpolations are functions; numbers go through Intl
 * (`toLocaleString`), so 5000 reads "5 000" in Swedish and "5,000" in English.
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
  /** Why the last try to send an idea failed, in our own words (the intranet's wording is never shown). */
  failure: {
    unreachable: 'Intranätet svarade inte. Idén ligger kvar här och skickas automatiskt.',
    busy: 'Intranätet har för mycket att göra just nu. Idén ligger kvar här och skickas automatiskt.',
    serverError: (status: number) => `Intranätet kunde inte ta emot idén just nu (felkod ${status}). Idén ligger kvar här och skickas automatiskt.`,
    noApi: (status: number) => `Det finns ingen idésluss på intranätets adress (felkod ${status}). Idén ligger kvar här och skickas när adressen stämmer.`,
    stuck: 'Intranätet tar emot dina andra idéer men inte den här, så de skickas före den. Vi försöker igen var 15:e minut. Du kan ta tillbaka idén och ändra texten.',
    tooLarge: 'Idén är för stor för intranätet. Korta texten och skicka igen.',
    rejected: (status: number) => `Intranätet tog inte emot idén (felkod ${status}). Redigera den och skicka igen.`,
  },
  fieldError: {
    required: 'Fyll i fältet.',
    too_long: (max: number) => `Texten får vara högst ${max.toLocaleString('sv-SE')} tecken.`,
    invalid_url: 'Adressen måste börja med http:// eller https://.',
    invalid_value: 'Värdet är inte tillåtet. Ta bort osynliga styrtecken eller välj ett annat värde.',
    invalid_type: 'Värdet har fel format.',
    /** An `invalid_value` on `challengeId`: the intranet knows no such open challenge. */
    unknownChallenge: 'Utmaningen finns inte längre eller är stängd. Välj en annan eller ingen.',
  },
  /** Sync paused because another account is signed in than the one ideas went as (docs/adr/016). */
  otherAccount: (previous: string, current: string) =>
    `Du är inloggad som ${current}. Idéer från den här datorn har hittills skickats som ${previous}. De som väntar skickas inte förrän ${previous} loggar in igen. Du kan också skicka dem i ditt namn, också de som ${previous} skrev.`,
  sendAs: (current: string) => `Skicka väntande idéer som ${current}`,
  /** A waiting idea's line while sync waits for that account. */
  waitingForAccount: (previous: string) => `Väntar på att ${previous} loggar in.`,
  /** Said after a submit while sync waits for another account: whose name the idea will carry. */
  queuedForAccount: (previous: string) =>
    `Idén väntar. Den skickas som ${previous} när ${previous} loggar in igen, om du inte skickar väntande idéer i ditt namn.`,
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
  failure: {
    unreachable: 'The intranet did not answer. The idea stays here and is sent automatically.',
    busy: 'The intranet is too busy right now. The idea stays here and is sent automatically.',
    serverError: (status: number) => `The intranet could not take the idea right now (error code ${status}). The idea stays here and is sent automatically.`,
    noApi: (status: number) => `There is no idea sluice at the intranet's address (error code ${status}). The idea stays here and is sent once the address is right.`,
    stuck: 'The intranet takes your other ideas but not this one, so they go first. We try again every 15 minutes. You can take the idea back and change its text.',
    tooLarge: 'The idea is too large for the intranet. Shorten the text and send it again.',
    rejected: (status: number) => `The intranet did not accept the idea (error code ${status}). Edit it and send it again.`,
  },
  fieldError: {
    required: 'Please fill in this field.',
    too_long: (max: number) => `The text may be at most ${max.toLocaleString('en-GB')} characters.`,
    invalid_url: 'The address must start with http:// or https://.',
    invalid_value: 'This value is not allowed. Remove invisible control characters or choose another value.',
    invalid_type: 'The value has the wrong format.',
    unknownChallenge: 'The challenge no longer exists or is closed. Choose another one or none.',
  },
  otherAccount: (previous: string, current: string) =>
    `You are signed in as ${current}. Ideas from this computer have so far been sent as ${previous}. Those waiting are not sent until ${previous} signs in again. You can also send them in your name, including those ${previous} wrote.`,
  sendAs: (current: string) => `Send waiting ideas as ${current}`,
  waitingForAccount: (previous: string) => `Waiting for ${previous} to sign in.`,
  queuedForAccount: (previous: string) =>
    `The idea is waiting. It will be sent as ${previous} when ${previous} signs in again, unless you send waiting ideas in your name.`,
};
