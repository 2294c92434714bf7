import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { geckoId, intranetBuild } from './shared/config/build';

/**
 * The extension build (DESIGN section 9, docs/adr/006-extension.md).
 *
 * `IDESLUSS_INTRANET` names the organisation's intranet at build time; it becomes the only host
 * permission. Unset, `npm run build` targets the reference intranet at http://127.0.0.1:8787 (what
 * `npm start` and the e2e tests use). `IDESLUSS_INTRANET=generic` makes a build that asks for the
 * host permission when the user configures the address.
 */
const intranet = intranetBuild(process.env.IDESLUSS_INTRANET);
/** Firefox's add-on id: `IDESLUSS_GECKO_ID`, the organisation's own when it signs on addons.mozilla.org. */
const firefoxId = geckoId(process.env.IDESLUSS_GECKO_ID);

/** Public half of the signing key: pins the Chrome extension id (private key never committed). */
const PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqt/Jbxs1+ip+KRzWc+liwBaNIWDnWuiNbsf4m8ruKaSCVD2gyiLB3Hc9dxXa2mRQs7KzZ0nfksAUnP8IcySREoyst63UAacpsTQS9714QX5NaRAdg9SqYF6Jq5k1AZ/soEpD5ipzAxiOh+9ARIoaPfoC9gHVfj85eXmc5IEom5sDGi/E24N4ZFlgzbi8VGnsgk4qYyiB+n65vcw6WuoEFU4SkVGXlFOmzkvaQscy4ApEPeUl3o0u8FTNOHxX63btc3MbShJI6gMld3LCbn+kJtB8MSsMDcBPLbNZowu2RNY2rUrcsN5BuQdhlKWhmZFHM77E7rq73rjGUEugMIdyywIDAQAB';

/** Exactly the permissions of DESIGN section 9; tests/e2e/extension-manifest.e2e.ts fails on any other. */
const PERMISSIONS = ['storage', 'unlimitedStorage', 'activeTab', 'scripting', 'alarms', 'contextMenus'];

/**
 * Puts each extension page's stylesheet into the page as a `<style>` (MV3's default CSP restricts
 * scripts, not styles). Browser constraint: a stylesheet `<link>` holds back the first render and
 * with it the autofocus of the popup's title field; loading it cost the popup about 10 ms before it
 * took a key (`npm run bench -- --only popup`, docs/adr/008-popup-takes-keys-early.md).
 */
function inlineStylesheets(): Plugin {
  return {
    name: 'idesluss-inline-stylesheets',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        return html.replace(/<link rel="stylesheet"[^>]*? href="\/([^"]+\.css)"[^>]*>/g, (link, file: string) => {
          const asset = bundle?.[file];
          return asset?.type === 'asset' ? `<style>${String(asset.source)}</style>` : link;
        });
      },
    },
  };
}

/**
 * Left out of the sources zip that `npm run zip` makes for addons.mozilla.org, beyond WXT's own
 * exclusions (node_modules, dot files, .output): a signing key someone keeps in the working tree,
 * databases, logs, and the widget and report builds, none of which the review needs.
 */
const NOT_IN_SOURCES_ZIP = ['**/*.pem', '**/*.key', '**/*.crx', '**/*.p12', '**/*.db', '**/*.db-*', '**/*.log', 'dist/**', 'reports/**', 'test-results/**', 'zz-*'];

export default defineConfig({
  imports: false,
  zip: { excludeSources: NOT_IN_SOURCES_ZIP },
  vite: () => ({
    plugins: [preact(), inlineStylesheets()],
    define: { __IDESLUSS_DEFAULT_INTRANET__: JSON.stringify(intranet.defaultUrl ?? '') },
  }),
  manifest: ({ browser, manifestVersion }) => {
    const firefox = browser === 'firefox';
    const openCommand = manifestVersion === 3 ? '_execute_action' : '_execute_browser_action';
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'sv',
      permissions: PERMISSIONS,
      ...(intranet.hostPermissions.length > 0 ? { host_permissions: intranet.hostPermissions } : {}),
      // MV2 (Firefox) has no optional_host_permissions: host patterns go in optional_permissions there.
      ...(intranet.optionalHostPermissions.length === 0
        ? {}
        : manifestVersion === 3
          ? { optional_host_permissions: intranet.optionalHostPermissions }
          : { optional_permissions: intranet.optionalHostPermissions }),
      action: { default_title: '__MSG_actionTitle__' },
      commands: {
        [openCommand]: {
          suggested_key: { default: 'Ctrl+Shift+Y', mac: 'MacCtrl+Shift+Y' },
          description: '__MSG_commandOpen__',
        },
      },
      ...(firefox
        ? { browser_specific_settings: { gecko: { id: firefoxId, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } }, gecko_android: { strict_min_version: '142.0' } } }
        : { key: PUBLIC_KEY, storage: { managed_schema: 'managed_schema.json' }, minimum_chrome_version: '116' }),
    };
  },
});
