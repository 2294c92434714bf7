import { defineBackground } from 'wxt/utils/define-background';

/** The extension's service worker. Composition root; features are wired in the files beside it. */
export default defineBackground({
  type: 'module',
  main() {
    // Wired by the extension's feature modules.
  },
});
