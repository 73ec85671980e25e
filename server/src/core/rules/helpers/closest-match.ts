// The word-distance helpers live with the syntax helpers, where hovers and rules both reach them.
export { closestMatch, editDistance } from '../../syntax/closest-match';
