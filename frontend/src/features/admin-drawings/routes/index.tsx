export { AdminDrawingsPage } from './AdminDrawingsPage';
export { AdminDrawingPage } from './AdminDrawingPage';
export { NewDrawingPage } from './NewDrawingPage';
