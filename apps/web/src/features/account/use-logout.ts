/** Signing out, from any page: the session forgotten, the back office's data dropped, the public data read again (without the professionals' contacts). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client, read } from '../../lib/client.ts';
import { sessionEnded } from './session.ts';

export function useLogout(onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => read(client.auth.logout.$post()),
    onSettled: () => {
      sessionEnded(queryClient);
      onDone?.();
    },
  });
}
