/** The pages of the links mailed to structures: `/reponse/<jeton>` and `/mise-a-jour/<jeton>` (lazy chunk). */
export { AnswerPage } from './answer-page.tsx';
export { UpdatePage } from './update-page.tsx';
