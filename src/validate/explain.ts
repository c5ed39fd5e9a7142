/**
 * A Korean lead for the API server's (English) reasons, so a learner knows what kind
 * of mistake it is; the server's text follows verbatim, since that is what
 * search engines and `expect-invalid` know.
 */
const LEADS: Array<[RegExp, string]> = [
  [/field not declared in schema|unknown field|additional propert/i, '알 수 없는 필드입니다. 철자와 들여쓰기(어느 객체 아래에 있는지)를 확인하세요'],
  [/duplicate field/i, '같은 필드가 두 번 나옵니다'],
  [/`selector` does not match template `labels`/, 'selector가 template의 labels와 맞지 않습니다. spec.selector.matchLabels의 키와 값이 spec.template.metadata.labels에 있어야 합니다'],
  [/expected (numeric|string|map|list|boolean|bool|integer|object|array)|cannot unmarshal|must be (integer|string|number|object|array|boolean)/i, '값의 타입이 틀렸습니다 (숫자/문자열/목록/맵, 따옴표 여부를 확인하세요)'],
  [/Required value|must have required property/i, '필수 값이 없습니다'],
  [/Unsupported value|must be equal to one of the allowed values/i, '허용되지 않는 값입니다'],
  [/quantities must match/, '수량 형식이 틀렸습니다 (cpu는 500m·1·0.5, memory는 64Mi·1Gi처럼; MB·GB나 단위 앞 공백은 쓸 수 없습니다)'],
  [/Duplicate value/i, '값이 중복되었습니다'],
  [/must be no more than|must be between|should be (less|greater)|must be greater|must be less|must be (<=|>=)/i, '허용 범위를 벗어난 값입니다'],
  [/RFC 1123|RFC 1035|a lowercase RFC|valid label|qualified name|must match the regex|should match/i, '이름이나 레이블 형식이 규칙에 맞지 않습니다 (소문자, 숫자, "-", 63자 이하 등)'],
  [/Forbidden/, '여기서는 쓸 수 없는 필드나 값입니다'],
  [/Invalid value/i, '값이 올바르지 않습니다'],
];

export function explain(serverMessage: string): string {
  const lead = LEADS.find(([pattern]) => pattern.test(serverMessage))?.[1];
  return lead ? `${lead}: ${serverMessage}` : serverMessage;
}
