import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../../lib/api.ts';
import { navigate } from '../../lib/router.tsx';
import { type FieldErrors, issuesToErrors } from './form-errors.ts';

/**
 * A back-office form that creates an entry, then opens its page: the list is marked stale, the
 * answer kept as the entry's detail (no second read), and the page at `pathOf(id)` shown.
 * `errors`: the API's refusal, by field.
 */
export function useCreateThenOpen<I, T extends { id: number }>({
  create,
  listKey,
  detailKey,
  pathOf,
}: {
  create: (input: I) => Promise<T>;
  listKey: readonly unknown[];
  detailKey: (id: number) => readonly unknown[];
  pathOf: (id: number) => string;
}): { mutation: ReturnType<typeof useMutation<T, Error, I>>; errors: FieldErrors } {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: create,
    onSuccess: (entry: T) => {
      void queryClient.invalidateQueries({ queryKey: listKey });
      queryClient.setQueryData(detailKey(entry.id), entry);
      navigate(pathOf(entry.id));
    },
  });
  const errors = mutation.error instanceof ApiRequestError ? issuesToErrors(mutation.error.issues) : new Map<string, string[]>();
  return { mutation, errors };
}
