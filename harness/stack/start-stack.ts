import { AttachedStack } from './attached-stack.js';
import { InProcessStack } from './in-process-stack.js';
import type { Stack, StackMode, StackOptions } from './stack.js';

export { parseStackMode, STACK_MODES } from '../run-settings.js';

/** Starts (or, attached, connects to) a stack in the given mode: every mode serves the same scenarios. */
export async function startStack(mode: StackMode, options: StackOptions): Promise<Stack> {
  if (mode === 'in-process') return InProcessStack.start(options);
  if (mode === 'attached') return AttachedStack.connect(options);
  // Loaded only here: containers mode pulls in testcontainers.
  const { ContainerStack } = await import('./containers/container-stack.js');
  return ContainerStack.start(options);
}
