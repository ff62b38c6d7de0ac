/** Account e-mails: address confirmation (double opt-in) and password reset. No Strava data, no unsubscribe. */

export const CONFIRM_HTML = `{{> htmlOpen}}
<p>Hi {{name}},</p>
<p>Please confirm that you want Kneadwise recovery e-mails at this address:</p>
<p><a href="{{confirmUrl}}" style="display:inline-block;padding:8px 16px;border-radius:4px;background:#1f6feb;color:#fff;text-decoration:none;">Confirm my e-mail address</a></p>
<p>The link works for {{expiresInH}} hours. If you did not sign up, ignore this e-mail and we will not write again.</p>
{{> htmlClose}}`;

export const CONFIRM_TEXT = `Hi {{name}},

Please confirm that you want Kneadwise recovery e-mails at this address:
{{confirmUrl}}

The link works for {{expiresInH}} hours. If you did not sign up, ignore this e-mail and we will not write again.
`;

export const RESET_HTML = `{{> htmlOpen}}
<p>Hi {{name}},</p>
<p>Someone asked to reset the password of your Kneadwise account.</p>
<p><a href="{{resetUrl}}" style="display:inline-block;padding:8px 16px;border-radius:4px;background:#1f6feb;color:#fff;text-decoration:none;">Choose a new password</a></p>
<p>The link works once, for {{expiresInMin}} minutes. If it was not you, ignore this e-mail; your password stays the same.</p>
{{> htmlClose}}`;

export const RESET_TEXT = `Hi {{name}},

Someone asked to reset the password of your Kneadwise account.
Choose a new password: {{resetUrl}}

The link works once, for {{expiresInMin}} minutes. If it was not you, ignore this e-mail; your password stays the same.
`;

export const ACCOUNT_EXISTS_HTML = `{{> htmlOpen}}
<p>Hi {{name}},</p>
<p>Someone, maybe you, tried to create a Kneadwise coach account with this address. You already have one, so nothing was changed.</p>
<p><a href="{{loginUrl}}">Sign in</a> or, if you forgot your password, <a href="{{resetUrl}}">choose a new one</a>.</p>
<p>If it was not you, ignore this e-mail; your account stays as it is.</p>
{{> htmlClose}}`;

export const ACCOUNT_EXISTS_TEXT = `Hi {{name}},

Someone, maybe you, tried to create a Kneadwise coach account with this address. You already have one, so nothing was changed.
Sign in: {{loginUrl}}
Forgot your password? Choose a new one: {{resetUrl}}

If it was not you, ignore this e-mail; your account stays as it is.
`;
