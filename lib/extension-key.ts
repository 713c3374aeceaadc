// Public half of the development signing key. Chromium derives the extension ID from it, so tests and
// the demo can address chrome-extension://mebppdmikpolhhlgchdclflhkddephji/ before the extension starts. Store builds drop it:
// the Chrome Web Store assigns its own key.
export const EXTENSION_PUBLIC_KEY =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxzEpRJkGe3XjflzktSGjDonfnUoP8y0feZo8Y803l1AE39fH0VbJOaWnlis2NxAAA5eCotj5Jxyp24HI/d3WLvRJgD+tkKfahxj+TJZheRhDmKLVEtZh+kDgLNopnwy6e6KUd2/CFrJcHtaGL56qLWmHeybv2EZPLB6ZcN+pRKSlixuT6gbwQrAJFv7jH0U6zgi9wWuiMj03fRZnz1aEebEPZrj8aFKGWTTmVpyyWBf+tpC2Kk+FeJ37eaj4aaE4GXAPY5+lbg9suczCBL9fLNSx/ci5/b40PpPoc5qBLQM4R7cmi4X3SjDd0E0d159iMaNXrE0yao1VQWF6pJQ33QIDAQAB";

export const DEV_EXTENSION_ID = "mebppdmikpolhhlgchdclflhkddephji";
