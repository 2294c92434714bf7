/**
 * The extension options page's messages (DESIGN sections 9 and 11). `en` is typed as `sv`.
 */
import type { SettingErrorCode } from '../../config/settings';

/**
 * Why an address or a language was refused, said to the person at the computer (a policy value's
 * reason is shown too, with "Kontakta IT-supporten"). Plain http is allowed only for loopback
 * (`isLoopbackHost`); the sentences call that "en testserver på den här datorn", and the README's
 * settings section and `managed_schema.json` name the host names for administrators.
 */
const svErrors: Record<SettingErrorCode, string> = {
  wrong_type: 'Värdet har fel typ – det måste vara text.',
  empty: 'Fyll i intranätets adress.',
  too_long: 'Adressen är för lång.',
  not_a_url: 'Det här är ingen fullständig webbadress. Skriv till exempel https://intranat.kommun.se.',
  unsafe_scheme: 'Adressen måste börja med https:// (eller http:// för en testserver på den här datorn).',
  insecure_remote: 'Adressen måste börja med https://. Med http:// skickas idéerna okrypterade, och det är bara tillåtet för en testserver på den här datorn.',
  has_credentials: 'Adressen får inte innehålla användarnamn eller lösenord.',
  has_query: 'Adressen får inte innehålla ? eller #.',
  invalid_language: 'Språket måste vara browser, sv eller en.',
};

const enErrors: Record<SettingErrorCode, string> = {
  wrong_type: 'The value has the wrong type – it must be text.',
  empty: 'Enter the intranet address.',
  too_long: 'The address is too long.',
  not_a_url: 'This is not a full web address. Enter one such as https://intranet.example.com.',
  unsafe_scheme: 'The address must start with https:// (or http:// for a test server on this computer).',
  insecure_remote: 'The address must start with https://. With http://, ideas would be sent unencrypted, which is allowed only for a test server on this computer.',
  has_credentials: 'The address must not contain a user name or password.',
  has_query: 'The address must not contain ? or #.',
  invalid_language: 'The language must be browser, sv or en.',
};

export const sv = {
  options: {
    pageTitle: 'Idésluss – inställningar',
    heading: 'Inställningar',
    intranetUrl: 'Intranätets adress',
    intranetHelp: 'Adressen till intranätet där idéslussen finns, till exempel https://intranat.kommun.se.',
    language: 'Språk',
    languageBrowser: 'Samma som webbläsaren',
    languageSv: 'Svenska',
    languageEn: 'English',
    save: 'Spara',
    saved: 'Inställningarna är sparade.',
    /** The language was saved, the address (said in the error beside it) was not. */
    languageSaved: 'Språket är sparat, men inte adressen.',
    locked: 'Låst av din organisation.',
    allLocked: 'Din organisation har bestämt inställningarna.',
    refusedManaged: (setting: string, reason: string) => `Organisationens värde för ”${setting}” används inte: ${reason} Kontakta IT-supporten.`,
    refusedLocal: (setting: string, reason: string) => `Det sparade värdet för ”${setting}” används inte: ${reason}`,
    notPermitted: (origins: string) => `Den här versionen av tillägget kan bara skicka idéer till ${origins}. Be IT-supporten om en version som kan skicka till den adressen.`,
    permissionDenied: 'Utan tillgång till adressen kan tillägget inte skicka idéer. Försök igen och välj Tillåt.',
    saveFailed: 'Inställningarna kunde inte sparas: webbläsaren tog inte emot dem. Det du har skrivit finns kvar; försök igen eller välj en annan adress.',
    accessAsk: (origin: string) => `Tillägget har inte tillgång till ${origin} än, så idéerna väntar på den här datorn.`,
    /** Said once the browser granted the access the notice asked for (the notice, and its button, go). */
    accessGranted: (origin: string) => `Tillägget har nu tillgång till ${origin}.`,
    grantAccess: (origin: string) => `Ge tillgång till ${origin}`,
    accessOutside: (origin: string, fixed: string) =>
      `Den här versionen av tillägget kan bara skicka idéer till ${fixed}, inte till ${origin}. Idéerna väntar på den här datorn. Be IT-supporten om en version för ${origin}.`,
    checking: 'Kontrollerar att intranätet svarar på adressen …',
    /** What the check of a saved address found (shared/api/address-check.ts). */
    check: {
      signedIn: (name: string) => `Intranätet svarar på adressen, och du är inloggad som ${name}.`,
      signedOut: 'Intranätet svarar på adressen. Logga in på intranätet så skickas dina idéer.',
      noAnswer: 'Inget svar från adressen. Stämmer den, till exempel portnumret? Eller är datorn inte ansluten? Idéerna väntar på den här datorn tills intranätet svarar.',
      noApi: 'Något svarar på adressen, men Idésluss finns inte där. Kontrollera adressen. Idéerna väntar på den här datorn.',
      serverError: (status: number) => `Intranätet svarar på adressen, men något är fel där just nu (felkod ${status}). Idéerna skickas när det fungerar igen.`,
    },
    errorPrefix: 'Fel:',
    error: svErrors,
  },
};

export const en: typeof sv = {
  options: {
    pageTitle: 'Idésluss – settings',
    heading: 'Settings',
    intranetUrl: 'Intranet address',
    intranetHelp: 'The address of the intranet where Idésluss runs, for example https://intranet.example.com.',
    language: 'Language',
    languageBrowser: 'Same as the browser',
    languageSv: 'Svenska',
    languageEn: 'English',
    save: 'Save',
    saved: 'The settings are saved.',
    languageSaved: 'The language is saved, but not the address.',
    locked: 'Locked by your organisation.',
    allLocked: 'Your organisation manages these settings.',
    refusedManaged: (setting: string, reason: string) => `Your organisation’s value for “${setting}” is not used: ${reason} Contact IT support.`,
    refusedLocal: (setting: string, reason: string) => `The saved value for “${setting}” is not used: ${reason}`,
    notPermitted: (origins: string) => `This version of the extension can only send ideas to ${origins}. Ask IT support for a version that can send to that address.`,
    permissionDenied: 'Without access to the address the extension cannot send ideas. Try again and choose Allow.',
    saveFailed: 'The settings could not be saved: the browser did not accept them. What you typed is still here; try again or choose another address.',
    accessAsk: (origin: string) => `The extension has no access to ${origin} yet, so your ideas will wait on this computer.`,
    accessGranted: (origin: string) => `The extension now has access to ${origin}.`,
    grantAccess: (origin: string) => `Allow access to ${origin}`,
    accessOutside: (origin: string, fixed: string) =>
      `This version of the extension can only send ideas to ${fixed}, not to ${origin}. Your ideas will wait on this computer. Ask IT support for a version for ${origin}.`,
    checking: 'Checking that the intranet responds at this address…',
    check: {
      signedIn: (name: string) => `The intranet responds at this address, and you are signed in as ${name}.`,
      signedOut: 'The intranet responds at this address. Sign in to the intranet and your ideas will be sent.',
      noAnswer: 'No response from this address. Check the address (including any port number), and that the computer is online. Your ideas will wait on this computer until the intranet responds.',
      noApi: 'Something responds at this address, but Idésluss is not there. Check the address. Your ideas will wait on this computer.',
      serverError: (status: number) => `The intranet responds at this address, but something is wrong there right now (error code ${status}). Your ideas will be sent when it works again.`,
    },
    errorPrefix: 'Error:',
    error: enErrors,
  },
};
