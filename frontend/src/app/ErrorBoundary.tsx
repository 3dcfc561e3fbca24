import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useRouteError } from 'react-router-dom';
import { errorMessage } from '@/lib/api/errors';

function Fallback({ error }: { error: unknown }) {
  return (
    <div className="app-main">
      <div className="card state state-error" role="alert">
        <h1>Something went wrong</h1>
        <p>{errorMessage(error)}</p>
        <p>
          <a href="/">Back to FitTrack</a>
        </p>
      </div>
    </div>
  );
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('Unhandled UI error', error, info.componentStack);
  }

  render() {
    if (this.state.error) return <Fallback error={this.state.error} />;
    return this.props.children;
  }
}

/** The router's errorElement: failed lazy chunks and render errors inside a route. */
export function RouteError() {
  const error = useRouteError();
  return <Fallback error={error} />;
}
