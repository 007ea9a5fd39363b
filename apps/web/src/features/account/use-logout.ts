/** Signing out, from any page: the session forgotten, the back office's data dropped, the public data read again (without the professionals' contacts). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../lib/api.ts';
import { rememberSession, sessionKey } from '../admin/admin-api.ts';

export function useLogout(onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend<null>('POST', '/auth/logout'),
    onSettled: () => {
      rememberSession(null);
      queryClient.setQueryData(sessionKey, null);
      queryClient.removeQueries({ queryKey: ['admin'] });
      queryClient.removeQueries({ queryKey: ['account'] });
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      onDone?.();
    },
  });
}
