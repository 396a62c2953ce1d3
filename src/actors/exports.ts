// Re-exports of the knowledge-base API for other stages.
export { type ActorKb, type DatedCode, type KbEntry, loadActorKb } from './01-kb.js';
export { codeAtDate } from './04-code.js';
