/** Defined by wxt.config.ts from `IDESLUSS_INTRANET`: the preset intranet, or '' in a generic build. */
declare const __IDESLUSS_DEFAULT_INTRANET__: string;
