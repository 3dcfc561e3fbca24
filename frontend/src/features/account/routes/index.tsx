// The account area's pages, loaded together as one chunk (app/router.tsx).
export { AccountPage } from './AccountPage';
export { ForgotPasswordPage } from './ForgotPasswordPage';
export { PrivacyPage } from './PrivacyPage';
export { ResetPasswordPage } from './ResetPasswordPage';
