/**
 * Messages of the storage layer and the editor's save indicator (DESIGN section 5): where the text
 * is, and what to do when it could not be saved. The popup adds how to keep the text: copy it out.
 */
export const sv = {
  storage: {
    error: {
      quota: 'Utkastet kunde inte sparas: lagringsutrymmet är fullt.',
      blocked: 'Utkastet kunde inte sparas: Idésluss är öppet i en annan flik med en annan version. Stäng den andra fliken och öppna Idésluss igen.',
      unavailable: 'Utkast kan inte sparas här. Det händer till exempel i ett privat fönster.',
      unknown: 'Utkastet kunde inte sparas på grund av ett oväntat fel.',
    },
    withdrawRefused: 'Idén håller på att skickas och kan inte tas tillbaka nu. Om den inte kommer fram kan du ta tillbaka den sedan.',
    /** A list button's change (delete, or a way out of a 409) that the store failed. */
    changeNotSaved: 'Ändringen kunde inte sparas på den här datorn. Försök igen.',
  },
};

export const en: typeof sv = {
  storage: {
    error: {
      quota: 'The draft could not be saved: storage is full.',
      blocked: 'The draft could not be saved: Idésluss is open in another tab with a different version. Close that tab and open Idésluss again.',
      unavailable: 'Drafts cannot be saved here. This happens, for example, in a private window.',
      unknown: 'The draft could not be saved because of an unexpected error.',
    },
    withdrawRefused: 'The idea is being sent and cannot be withdrawn now. If it does not get through, you can withdraw it then.',
    changeNotSaved: 'The change could not be saved on this computer. Try again.',
  },
};
