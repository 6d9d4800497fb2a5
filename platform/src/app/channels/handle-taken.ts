import { isHandleTaken } from '../../db/channels.js';
import { conflict } from '../../domain/errors.js';

/** Runs a channel write, turning the handle index's refusal into a 409 `handle_taken`. */
export async function refusingTakenHandle<T>(handle: string | undefined, write: () => Promise<T>) {
  try {
    return await write();
  } catch (error) {
    if (isHandleTaken(error)) {
      throw conflict('handle_taken', `The handle ${handle} is taken by another channel`, {
        handle,
      });
    }
    throw error;
  }
}
