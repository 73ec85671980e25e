// Where the rules read a COPY's or ADD's arguments: the model's own reading (model/queries).
export { argumentTokens, copyArguments } from '../../model/queries';
