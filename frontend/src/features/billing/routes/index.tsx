export { BillingCancelPage, BillingSuccessPage } from './BillingReturnPages';
export { BillingSettingsPage } from './BillingSettingsPage';
export { UpgradePage } from './UpgradePage';
