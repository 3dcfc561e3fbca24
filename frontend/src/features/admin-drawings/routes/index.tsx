export { AdminDrawingsPage } from './AdminDrawingsPage';
export { AdminDrawingPage } from './AdminDrawingPage';
