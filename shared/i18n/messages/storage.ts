/**
 * Messages of the storage layer and the editor's save indicator (DESIGN section 5): where the text
 * is, and what to do when it could not be saved. Every error says how to keep the text: copy it out.
 */
export const sv = {
  storage: {
    save: {
      saving: 'Sparar …',
      saved: (time: string) => `Sparat på den här datorn ${time}`,
      savedNow: 'Sparat på den här datorn',
    },
    error: {
      quota: 'Utkastet kunde inte sparas: lagringsutrymmet är fullt.',
      blocked: 'Utkastet kunde inte sparas: Idésluss är öppet i en annan flik med en annan version. Stäng den andra fliken eller ladda om sidan.',
      unavailable: 'Utkastet kan inte sparas i den här webbläsaren, till exempel i ett privat fönster.',
      unknown: 'Utkastet kunde inte sparas på grund av ett oväntat fel.',
    },
    copyHint: 'Din text finns kvar här så länge fönstret är öppet. Kopiera den och spara den någon annanstans för säkerhets skull.',
    copyText: 'Kopiera texten',
    copied: 'Texten är kopierad.',
    withdrawRefused: 'Idén skickas just nu och kan inte tas tillbaka. Vänta ett ögonblick.',
  },
};

export const en: typeof sv = {
  storage: {
    save: {
      saving: 'Saving …',
      saved: (time: string) => `Saved on this computer ${time}`,
      savedNow: 'Saved on this computer',
    },
    error: {
      quota: 'The draft could not be saved: storage is full.',
      blocked: 'The draft could not be saved: Idésluss is open in another tab with a different version. Close that tab or reload the page.',
      unavailable: 'Drafts cannot be saved in this browser, for example in a private window.',
      unknown: 'The draft could not be saved because of an unexpected error.',
    },
    copyHint: 'Your text stays here while this window is open. Copy it and keep it somewhere else to be safe.',
    copyText: 'Copy the text',
    copied: 'The text has been copied.',
    withdrawRefused: 'The idea is being sent right now and cannot be withdrawn. Wait a moment.',
  },
};
