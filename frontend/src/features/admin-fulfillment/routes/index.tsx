export { FulfillmentBoardPage } from './FulfillmentBoardPage';
