export { MembersPage } from './MembersPage';
export { MemberDetailPage } from './MemberDetailPage';
