export function ForgotPasswordPage() {
  return null;
}
export function ResetPasswordPage() {
  return null;
}
export function AccountPage() {
  return null;
}
export function PrivacyPage() {
  return null;
}
