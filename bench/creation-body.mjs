// The registration every service benchmark sends (server-throughput, server-profile, server-wal-pages):
// one body, so that their rates, profiles and page counts describe the same creation.
export const CREATION_BODY = JSON.stringify({
  intakeChannel: 'hotline',
  businessChannel: 'A010303',
  businessCategory: 'B0302',
  cause: 'C11',
  complainant: { name: '张三', phone: '13812345678' },
  description: '信用卡年费未经告知被扣收，要求退还年费并说明收费依据',
});
