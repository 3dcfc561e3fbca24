import { RouterProvider } from 'react-router-dom';
import { AppProviders } from './providers';
import { createAppRouter, routerProviderFuture } from './router';

const router = createAppRouter();

export function App() {
  return (
    <AppProviders>
      <RouterProvider router={router} future={routerProviderFuture} />
    </AppProviders>
  );
}
