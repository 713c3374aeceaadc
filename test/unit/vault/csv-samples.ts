// Realistic exports, with the header each manager writes and the quirks seen in real files: quoted
// fields with commas and new lines, non-web entries, http sites, duplicates, empty passwords.

export const CHROME_CSV = [
  'name,url,username,password,note',
  'accounts.example.com,https://accounts.example.com/signin?continue=x,ada@example.com,"p,ss""word",',
  'shop.example,https://shop.example/login,ada,shop-pass,"two-line',
  'note"',
  'legacy.example,http://legacy.example/,ada,legacy-pass,',
  'android,android://hash@com.example.app/,ada,app-pass,',
  'nopass.example,https://nopass.example/,ada,,',
  'accounts.example.com,https://accounts.example.com/other,ada@example.com,"p,ss""word",',
  '',
].join('\n');

export const FIREFOX_CSV = [
  '"url","username","password","httpRealm","formActionOrigin","guid","timeCreated","timeLastUsed","timePasswordChanged"',
  '"https://www.example.org","ada","fx-pass","","https://www.example.org","{0b0f4c6a-1111-4a7b-9c1e-2d8e0f6a7b01}","1690000000000","1700000000000","1690000000000"',
  '"chrome://FirefoxAccounts","ada","sync-pass","Firefox Accounts credentials","","{0b0f4c6a-2222-4a7b-9c1e-2d8e0f6a7b02}","1690000000000","1690000000000","1690000000000"',
  '"http://localhost:8080","dev","dev-pass","","http://localhost:8080","{0b0f4c6a-3333-4a7b-9c1e-2d8e0f6a7b03}","1690000000000","1690000000000","1690000000000"',
].join('\r\n');

export const BITWARDEN_CSV = [
  'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
  'Work,1,login,Example,"line one',
  'line two",,0,"https://example.com/login,https://sso.example.com",ada,bw-pass,JBSWY3DPEHPK3PXP',
  ',,note,Secure note,my note,,0,,,,',
  'Personal,,login,Forum,,,0,https://forum.example,ada,forum-pass,otpauth://totp/Forum:ada?secret=JBSWY3DPEHPK3PXP&issuer=Forum',
  ',,login,Broken totp,,,0,https://broken.example,ada,broken-pass,not-a-secret',
].join('\n');

export const ONEPASSWORD_CSV = [
  'Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes',
  'Example,https://example.com,ada,op-pass,otpauth://totp/Example:ada?secret=JBSWY3DPEHPK3PXP&issuer=Example,true,false,work,',
  'Wifi,,,,,false,false,,router is in the hall',
].join('\n');

export const KEEPASSXC_CSV = [
  '"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"',
  '"Root/Internet","Example","ada","kp-pass","example.com/login","","otpauth://totp/Example:ada?secret=JBSWY3DPEHPK3PXP&period=30&digits=6&issuer=Example","0","2024-01-02T10:00:00Z","2023-05-06T09:00:00Z"',
  '"Root/Internet","Intranet","ada","kp-pass-2","https://intranet.example:8443/","","","0","2024-01-02T10:00:00Z","2023-05-06T09:00:00Z"',
  '"Root","SSH key","","ssh-pass","","passphrase","","0","2024-01-02T10:00:00Z","2023-05-06T09:00:00Z"',
].join('\n');

export const SAFARI_CSV = [
  'Title,URL,Username,Password,Notes,OTPAuth',
  'example.com (ada),https://example.com/,ada,sf-pass,,',
  'shop.example (ada),https://shop.example/,ada,sf-pass-2,"Notes, with comma",otpauth://totp/shop.example:ada?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30',
].join('\n');
