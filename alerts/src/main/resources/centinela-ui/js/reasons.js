// Reasons of an alert in words. The server writes them in English with their figures in params (see ReasonWriter);
// Spanish is rendered here from code + params, and an unknown code falls back to the server's English message.

import { channelName, language } from './i18n.js';

// keyed by the group's code (MccGroup); migration V12 gave the code to alerts stored before it was sent
const CATEGORIES_ES = {
  everyday: 'supermercados, farmacias, restaurantes, combustible, transporte',
  retail: 'tiendas por departamento, ropa, cosméticos, hogar',
  high_value: 'electrónica y joyería, de fácil reventa',
  travel: 'agencias de viaje, aerolíneas, hoteles',
  cash: 'retiros de efectivo en cajeros',
  money_transfer: 'transferencias y pagos con billetera a otras personas',
  gambling: 'apuestas y casinos',
  digital_and_bills: 'telecomunicaciones, servicios básicos, bienes digitales',
  other: 'otros rubros',
};

function categoryEs(p) {
  return CATEGORIES_ES[p.category_code] ?? p.category;
}

/** "2026-03-15 09:00" (Lima), as the server writes the end of a key's windows, the way Peru writes dates. */
function dateEs(localMinute) {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d:\d\d)$/.exec(localMinute ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}` : localMinute;
}

function onlyShareEs(share) {
  return share === '<1 %' ? 'menos del 1 %' : `solo el ${share}`;
}

// A merchant's, beneficiary's or device's record over the days that end one label delay before the transaction.
function keyRecordEs(subject, p, feminine) {
  const n = Number.parseInt(p.transactions, 10);
  const frauds = Number.parseInt(p.frauds, 10);
  const unit = feminine ? ['transacción', 'transacciones'] : ['pago', 'pagos'];
  const figures = n === 1
    ? `1 ${unit[0]}, ${frauds ? 'con' : 'sin'} fraude confirmado`
    : `${n} ${unit[1]}, ${frauds === 0 ? (feminine ? 'ninguna' : 'ninguno') : frauds} de ${feminine ? 'ellas' : 'ellos'} con fraude confirmado`;
  const days = Number.parseInt(p.days, 10);
  const span = days === 1 ? 'en las 24 horas' : `en los ${days} días`;
  return `${subject} ${feminine ? 'hizo' : 'recibió'} ${figures}, ${span} hasta el ${dateEs(p.until)}`;
}

function gapEs(seconds) {
  const s = Number.parseInt(seconds, 10);
  if (s < 120) {
    return s === 1 ? '1 segundo' : `${s} segundos`;
  }
  if (s < 7200) {
    return `${Math.floor(s / 60)} minutos`;
  }
  if (s < 172800) {
    return `${Math.floor(s / 3600)} horas`;
  }
  return `${Math.floor(s / 86400)} días`;
}

const SPANISH = {
  amount: (p) => {
    if (!p.mean) {
      return `monto de ${p.amount} en una cuenta sin historial`;
    }
    return Number.parseFloat(p.ratio) >= 1
      ? `monto de ${p.amount}, ${p.ratio}× el promedio de esta cuenta (${p.mean})`
      : `monto de ${p.amount}, inusualmente bajo para esta cuenta (promedio ${p.mean})`;
  },
  small_payments: (p) => {
    const count = Number.parseInt(p.count, 10);
    if (p.amount == null) {
      // alerts written before the amount was given: count included this payment
      return count === 1
        ? 'un pago menor a S/ 10.00, como los que hacen quienes prueban tarjetas robadas'
        : `${p.count} pagos menores a S/ 10.00 en una hora, como en una prueba de tarjetas`;
    }
    if (count === 0) {
      return `un pago de ${p.amount}, menor a S/ 10.00, como los que hacen quienes prueban tarjetas robadas`;
    }
    const earlier = count === 1 ? 'un pago menor' : `${count} pagos menores`;
    return `${earlier} a S/ 10.00 en la hora previa a este pago de ${p.amount}, como en una prueba de tarjetas`;
  },
  time_of_day: (p, reason) => {
    if (/at night$/.test(reason.message ?? '')) {
      return `${p.time} en Lima, de noche`;
    }
    return p.share === '0 %'
      ? `${p.time} en Lima; esta cuenta nunca paga cerca de esta hora`
      : `${p.time} en Lima; ${onlyShareEs(p.share)} de los pagos de esta cuenta ocurre cerca de esta hora`;
  },
  velocity: (p) => {
    const count = Number.parseInt(p.count, 10);
    if (count >= 2) {
      return p.seconds == null
        ? `${count} transacciones en una hora`
        : `${count} transacciones en una hora; la última, ${gapEs(p.seconds)} después de la anterior`;
    }
    return p.seconds == null ? 'primera transacción vista de esta cuenta' : `primera transacción en ${gapEs(p.seconds)}`;
  },
  spent_last_hour: (p) => `${p.spent} gastados en una hora, frente a un pago promedio de ${p.mean}`,
  new_merchant: (p) => `primer pago en el comercio ${p.merchant}`,
  new_beneficiary: (p, reason) => (/^payment to/.test(reason.message ?? '')
    ? `pago al beneficiario ${p.beneficiary}`
    : `primer pago al beneficiario ${p.beneficiary}`),
  new_device: (p, reason) => (/^device pattern/.test(reason.message ?? '')
    ? 'patrón de dispositivo inusual para esta cuenta'
    : 'desde un dispositivo que esta cuenta nunca usó'),
  shared_device: (p) => (p.at_least === 'true'
    ? `el dispositivo hizo al menos otras ${p.count} transacciones en la última hora`
    : `el dispositivo hizo otras ${p.count} transacciones en la última hora`),
  risky_merchant: (p, reason, alert) => {
    const merchant = alert?.merchant_id ? ` ${alert.merchant_id}` : '';
    return `el comercio${merchant} tiene ${p.frauds} fraudes confirmados entre ${p.labelled} pagos con antigüedad suficiente para revisarse`;
  },
  merchant_history: (p) => keyRecordEs(`el comercio ${p.merchant}`, p, false),
  beneficiary_history: (p) => keyRecordEs(`el beneficiario ${p.beneficiary}`, p, false),
  device_history: (p) => keyRecordEs(`el dispositivo ${p.device}`, p, true),
  abroad: (p) => `pago en el extranjero o en moneda extranjera (${p.country}, ${p.currency})`,
  category: (p, reason, alert) => {
    const mcc = alert?.merchant_category_code ?? /\(MCC (\w+)\)/.exec(reason.message ?? '')?.[1] ?? '';
    const kind = `${channelName(p.channel).toLowerCase()} en ${categoryEs(p)} (MCC ${mcc})`;
    if (p.share == null) {
      return `un tipo de pago poco común en el tráfico normal: ${kind}`;
    }
    const share = p.share === '<1 %' ? 'menos del 1 %' : p.share;
    return `un tipo de pago poco común en el tráfico visto: ${kind}, ${share} de ${p.seen} transacciones`;
  },
  new_account: (p) => (p.history === '1'
    ? 'cuenta con poco historial (1 transacción anterior)'
    : `cuenta con poco historial (${p.history} transacciones anteriores)`),
  unusual_combination: () => 'una combinación inusual de monto, hora, canal e historial para esta cuenta',
};

function capitalised(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** The reason as a sentence in the current language; alert gives the merchant and MCC some sentences name. */
export function reasonText(reason, alert) {
  const spanish = SPANISH[reason.code];
  if (language() === 'es' && spanish) {
    try {
      return capitalised(spanish(reason.params ?? {}, reason, alert));
    } catch {
      // malformed params: the server's words below
    }
  }
  return capitalised(reason.message ?? reason.code);
}

/** The reasons, most important first. */
export function rankedReasons(alert) {
  return [...(alert.reasons ?? [])].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
}
