import { createContext, useContext } from 'react';
import type { TherapistDto } from '@tandem/shared';

export interface TherapistContextValue {
  therapist: TherapistDto;
}

export const TherapistContext = createContext<TherapistContextValue | null>(null);

export function useTherapist(): TherapistContextValue {
  const value = useContext(TherapistContext);
  if (!value) throw new Error('useTherapist must be used inside <TherapistGate>');
  return value;
}
