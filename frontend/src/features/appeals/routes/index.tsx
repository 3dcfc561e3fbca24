export { AppealConfirmPage } from './AppealConfirmPage';
export { MyAppealsPage } from './MyAppealsPage';
export { PublicAppealPage } from './PublicAppealPage';
