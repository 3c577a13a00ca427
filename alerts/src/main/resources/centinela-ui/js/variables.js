// What each rule variable holds, in words. The server describes them in English (RuleVariables, the feature
// catalogue); Spanish is written here, and a variable the UI does not know yet falls back to the server's English.

import { language } from './i18n.js';

const PLAIN_ES = {
  amount_pen: 'el monto en soles',
  original_amount: 'el monto tal como se pagó, en su moneda',
  currency: 'la moneda en que se pagó (ISO 4217: PEN, USD …)',
  channel: 'pos, ecommerce, atm, transfer o wallet',
  mcc: 'el código de categoría del comercio (ISO 18245), "" si no tiene',
  mcc_group: 'el grupo de la categoría: everyday, retail, high_value, travel, cash, money_transfer, gambling, digital_and_bills u other',
  merchant_id: 'el comercio, "" si no hay',
  device_id: 'el dispositivo, "" si no hay',
  ip: 'la dirección IP, "" si no hay',
  counterparty: 'la cuenta del beneficiario de una transferencia o pago con billetera, "" si no hay',
  country: 'el país del comercio o del beneficiario (ISO 3166)',
  account_id: 'la cuenta que paga',
  hour_lima: 'la hora del día en Lima, 0–23',
  weekday_lima: 'el día de la semana en Lima, 1 = lunes … 7 = domingo',
  score: 'el puntaje del modelo, 0–1',
  amount_vs_account_mean: 'ln((monto + 1) / (monto medio de la cuenta en su historial + 1)); 0 sin historial',
  amount_zscore_account: 'puntaje z de ln(monto) frente al historial de la cuenta, acotado a [-5, 10]; 0 con menos de 3 transacciones',
  small_amount: 'monto menor a S/ 10',
  hour_sin: 'seno de la hora del día en Lima',
  hour_cos: 'coseno de la hora del día en Lima',
  night: 'entre las 00:00 y las 05:59 en Lima',
  weekend: 'sábado o domingo en Lima',
  hour_unusual: '1 − proporción del historial de la cuenta a menos de una hora de esta hora; 0.5 sin historial',
  seconds_since_previous: 'segundos desde la transacción anterior de la cuenta; 30 días sin historial',
  amount_1h_vs_mean: 'ln((monto + lo gastado en la hora anterior + 1) / (monto medio + 1))',
  small_count_1h: 'pagos menores a S/ 10 en la hora anterior',
  new_merchant: 'la cuenta tiene historial pero nunca pagó a este comercio',
  new_counterparty: 'una transferencia o pago con billetera a un beneficiario al que nunca pagó',
  new_device: 'la cuenta tiene historial pero nunca usó este dispositivo',
  history_count: 'transacciones vistas de la cuenta',
  foreign: 'comercio o beneficiario fuera del Perú',
  foreign_currency: 'pagado en una moneda distinta del sol',
  device_count_1h: 'transacciones desde este dispositivo en la hora anterior, de cualquier cuenta',
  ip_count_1h: 'transacciones desde esta dirección IP en la hora anterior, de cualquier cuenta',
  merchant_risk: 'proporción de fraude confirmado entre todas las transacciones del comercio anteriores al retraso de las etiquetas, suavizada hacia 0.5 %',
  amount_vs_30d_max: 'ln((monto + 1) / (mayor monto de los 30 días anteriores + 1)); 0 sin historial',
};

const WINDOWS_ES = { '1h': 'la hora anterior', '1d': 'el día anterior', '7d': 'los 7 días anteriores', '30d': 'los 30 días anteriores' };
const SPANS_ES = { '1d': '1 día', '7d': '7 días', '30d': '30 días' };
const ACCOUNT_ES = {
  count: 'número de transacciones de la cuenta en',
  mean: 'monto medio de la cuenta en',
  max: 'mayor monto de la cuenta en',
  std: 'desviación estándar de los montos de la cuenta en',
  sum: 'monto gastado por la cuenta en',
};
const KEYS_ES = {
  merchant: ['del comercio', 'no indica comercio'],
  counterparty: ['del beneficiario', 'no indica beneficiario'],
  device: ['del dispositivo', 'no indica dispositivo'],
};

function spanish(name) {
  if (PLAIN_ES[name]) {
    return PLAIN_ES[name];
  }
  let m = /^(count|mean|max|std|sum)_(1h|1d|7d|30d)$/.exec(name);
  if (m) {
    return `${ACCOUNT_ES[m[1]]} ${WINDOWS_ES[m[2]]}`;
  }
  m = /^(merchant|counterparty|device)_(fraud_share|count)_(1d|7d|30d)$/.exec(name);
  if (m) {
    const [of, none] = KEYS_ES[m[1]];
    const what = m[2] === 'fraud_share'
      ? `proporción de fraude confirmado entre las transacciones ${of}`
      : `transacciones ${of}`;
    return `${what} en los ${SPANS_ES[m[3]]} que terminan un retraso de etiquetas antes (0 si la transacción ${none})`;
  }
  return null;
}

/** The variable's description in the UI's language; the server's English when Spanish has none. */
export function variableDescription(variable) {
  return language() === 'es' ? (spanish(variable.name) ?? variable.description) : variable.description;
}
