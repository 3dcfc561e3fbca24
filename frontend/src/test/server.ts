import { setupServer } from 'msw/node';

/** MSW intercepts fetch at the network boundary; each test adds the handlers it needs. */
export const server = setupServer();
