import { useState } from 'react';

/**
 * useCommand forgets the answer when its input changes; views that re-query as the user types
 * (compare workload, live price position) keep showing the last answer until the new one lands.
 */
export function useKeepPrevious<T>(value: T | undefined): T | undefined {
  const [last, setLast] = useState(value);
  // Adjusting state during render from a changed input is React's documented pattern for this.
  if (value !== undefined && value !== last) setLast(value);
  return value ?? last;
}
