export { DashboardPage } from './DashboardPage';
export { SecurityPage } from './SecurityPage';
export { AdminLayout } from '../components/AdminLayout';
