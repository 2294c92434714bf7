/**
 * Messages used everywhere. Each area file exports `sv` and `en: typeof sv`, so a key missing in
 * English fails the type check. Plurals and interpolations are functions; numbers go through Intl
 * (`toLocaleString`), so 5000 reads "5 000" in Swedish and "5,000" in English, except the length hints'
 * counts, which the widget shows in its first render (`grouped` below).
 */
/**
 * A count (a whole number, not negative) with its thousands grouped as `toLocaleString` groups them ("5 000" with a no-break space in
 * Swedish, "5,000" in English), without Intl, for the texts the widget shows in its first render: a page's first
 * Intl number format loads the locale's data, which made that render a long task (over 50 ms) on a first visit
 * (`npm run bench`: `widget_long_tasks_cold_total` from 0 to 15 in 15 loads; 1 without it).
 */
function grouped(count: number, separator: string): string {
  if (!Number.isSafeInteger(count) || count < 0) return count.toLocaleString(separator === ',' ? 'en-GB' : 'sv-SE');
  return String(count).replace(/\B(?=(\d{3})+$)/g, separator);
}

export const sv = {
  kind: { idea: 'Idé', challenge: 'Utmaning', 'good-example': 'Gott exempel' },
  state: {
    draft: 'Utkast – bara på den här datorn',
    queued: 'Väntar på att skickas',
    sending: 'På väg till intranätet',
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
    noApi: (status: number) => `Idésluss finns inte på intranätets adress (felkod ${status}). Idén ligger kvar här och skickas när adressen stämmer.`,
    stuck: 'Intranätet tar emot dina andra idéer men inte den här, så de skickas först. Ett nytt försök görs var 15:e minut. Du kan ta tillbaka idén och ändra texten.',
    tooLarge: 'Idén är för stor för intranätet. Korta texten och skicka igen.',
    rejected: (status: number) => `Intranätet tog inte emot idén. Ändra den och skicka igen. Kontakta IT-supporten om det inte hjälper (felkod ${status}).`,
  },
  /** The hints under the title and the description: the limit, and by how much a text is past it (popup and widget). */
  lengthHint: {
    title: (max: number) => `Kort och tydligt, högst ${grouped(max, '\u00a0')} tecken.`,
    description: (max: number) => `Högst ${grouped(max, '\u00a0')} tecken.`,
    over: (count: number) => `Du har ${grouped(count, '\u00a0')} tecken för mycket.`,
  },
  fieldError: {
    required: 'Fyll i fältet.',
    too_long: (max: number) => `Texten får vara högst ${max.toLocaleString('sv-SE')} tecken.`,
    invalid_url: 'Adressen måste börja med http:// eller https://.',
    /** Invisible characters in pasted text no longer get here: a submit takes them out (docs/adr/026). */
    invalid_value: 'Värdet är inte tillåtet. Ändra det och försök igen.',
    invalid_type: 'Värdet har fel format. Ändra fältet och försök igen.',
    /** An `invalid_value` on `challengeId`: the intranet knows no such open challenge. */
    unknownChallenge: 'Utmaningen är avslutad eller finns inte längre. Välj en annan utmaning eller ingen.',
  },
  /** Short names of the idea's fields, for error lists; `other` for a field we do not know. */
  field: {
    title: 'Rubrik',
    kind: 'Typ',
    description: 'Beskrivning',
    challengeId: 'Utmaning',
    source: 'Från sidan',
    'source.url': 'Sidans adress',
    'source.title': 'Sidans rubrik',
    'source.quote': 'Markerad text',
    anonymous: 'Skicka utan mitt namn',
    lang: 'Språk',
    other: 'Övrigt',
  },
  /** Sync paused because another account is signed in than the one ideas went as (docs/adr/016). */
  otherAccount: (previous: string, current: string) =>
    `Du är inloggad som ${current}, men idéer från den här datorn har skickats som ${previous}. Väntande idéer skickas när ${previous} loggar in igen. Du kan också skicka dem i ditt namn – även de som ${previous} skrev.`,
  sendAs: (current: string) => `Skicka väntande idéer som ${current}`,
  /** A waiting idea's line while sync waits for that account. */
  waitingForAccount: (previous: string) => `Väntar på att ${previous} loggar in.`,
  /** Said after a submit while sync waits for another account: whose name the idea will carry. */
  queuedForAccount: (previous: string) =>
    `Idén väntar. Den skickas som ${previous} när ${previous} loggar in igen, om du inte skickar väntande idéer i ditt namn.`,
};

export const en: typeof sv = {
  kind: { idea: 'Idea', challenge: 'Challenge', 'good-example': 'Good example' },
  state: {
    draft: 'Draft – only on this computer',
    queued: 'Waiting to be sent',
    sending: 'On its way to the intranet',
    sent: 'Sent to the intranet',
    'needs-attention': 'Needs changes',
  },
  status: {
    received: 'Received',
    'in-review': 'Under review',
    piloting: 'Being piloted',
    implemented: 'Implemented',
    declined: 'Declined',
  },
  failure: {
    unreachable: 'The intranet did not answer. The idea stays here and will be sent automatically.',
    busy: 'The intranet is too busy right now. The idea stays here and will be sent automatically.',
    serverError: (status: number) => `The intranet could not accept the idea right now (error code ${status}). The idea stays here and will be sent automatically.`,
    noApi: (status: number) => `Idésluss was not found at the intranet’s address (error code ${status}). The idea stays here and will be sent once the address is right.`,
    stuck: 'The intranet accepts your other ideas but not this one, so those are sent first. It is tried again every 15 minutes. You can withdraw the idea and change its text.',
    tooLarge: 'The idea is too large for the intranet. Shorten the text and send it again.',
    rejected: (status: number) => `The intranet did not accept the idea. Change it and send it again. Contact IT support if that does not help (error code ${status}).`,
  },
  lengthHint: {
    title: (max: number) => `Short and clear, at most ${grouped(max, ',')} characters.`,
    description: (max: number) => `At most ${grouped(max, ',')} characters.`,
    over: (count: number) => `You have ${grouped(count, ',')} ${count === 1 ? 'character' : 'characters'} too many.`,
  },
  fieldError: {
    required: 'Please fill in this field.',
    too_long: (max: number) => `Use ${max.toLocaleString('en-GB')} characters or fewer.`,
    invalid_url: 'The address must start with http:// or https://.',
    invalid_value: 'This value is not allowed. Change it and try again.',
    invalid_type: 'The value has the wrong format. Change the field and try again.',
    unknownChallenge: 'The challenge has closed or no longer exists. Choose another challenge or none.',
  },
  field: {
    title: 'Title',
    kind: 'Type',
    description: 'Description',
    challengeId: 'Challenge',
    source: 'From the page',
    'source.url': 'Page address',
    'source.title': 'Page title',
    'source.quote': 'Selected text',
    anonymous: 'Send without my name',
    lang: 'Language',
    other: 'Other',
  },
  otherAccount: (previous: string, current: string) =>
    `You are signed in as ${current}, but ideas from this computer have been sent as ${previous}. Waiting ideas will be sent when ${previous} signs in again. You can also send them in your name – including those ${previous} wrote.`,
  sendAs: (current: string) => `Send waiting ideas as ${current}`,
  waitingForAccount: (previous: string) => `Waiting for ${previous} to sign in.`,
  queuedForAccount: (previous: string) =>
    `The idea is waiting. It will be sent as ${previous} when ${previous} signs in again, unless you send waiting ideas in your name.`,
};
