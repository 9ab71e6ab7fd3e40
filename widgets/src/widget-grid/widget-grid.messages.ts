import type { Catalog } from '../shared/i18n.ts';

/**
 * Texts of `<mb-widget-grid>`. `{title}` is a widget's title; `{at}` is the `at` message, where `{pos}`/`{count}`
 * are formatted numbers (one phrase shared by every announcement).
 */
const de = {
  label: 'Widgets',
  widget: 'Widget {n}',
  handle: '{title} verschieben',
  hint: 'Leertaste oder Eingabe: aufnehmen und ablegen. Pfeiltasten: verschieben. Escape: abbrechen.',
  options: 'Optionen für {title}',
  earlier: 'Nach vorne verschieben',
  later: 'Nach hinten verschieben',
  hide: 'Ausblenden',
  at: 'Position {pos} von {count}',
  picked: '{title}, aufgenommen, {at}',
  moved: '{title}, {at}',
  dropped: '{title}, abgelegt auf {at}',
  canceled: 'Verschieben abgebrochen. {title} bleibt auf {at}',
  hidden: '{title} ausgeblendet',
  shown: '{title} wieder eingeblendet',
  reset: 'Standardanordnung wiederhergestellt',
  customize: 'Ausgeblendete Widgets',
  none: 'Keine ausgeblendeten Widgets',
  show: '{title} einblenden',
  resetButton: 'Auf Standard zurücksetzen',
};

export const messages = {
  de,
  en: {
    label: 'Widgets',
    widget: 'Widget {n}',
    handle: 'Move {title}',
    hint: 'Space or Enter: pick up and drop. Arrow keys: move. Escape: cancel.',
    options: 'Options for {title}',
    earlier: 'Move earlier',
    later: 'Move later',
    hide: 'Hide',
    at: 'position {pos} of {count}',
    picked: '{title}, picked up, {at}',
    moved: '{title}, {at}',
    dropped: '{title}, dropped at {at}',
    canceled: 'Move cancelled. {title} stays at {at}',
    hidden: '{title} hidden',
    shown: '{title} shown again',
    reset: 'Default arrangement restored',
    customize: 'Hidden widgets',
    none: 'No hidden widgets',
    show: 'Show {title}',
    resetButton: 'Reset to default',
  },
  ar: {
    label: 'الأدوات',
    widget: 'الأداة {n}',
    handle: 'نقل {title}',
    hint: 'المسافة أو الإدخال: التقاط وإفلات. الأسهم: نقل. الهروب: إلغاء.',
    options: 'خيارات {title}',
    earlier: 'نقل إلى الأمام',
    later: 'نقل إلى الخلف',
    hide: 'إخفاء',
    at: 'الموضع {pos} من {count}',
    picked: '{title}، تم الالتقاط، {at}',
    moved: '{title}، {at}',
    dropped: '{title}، تم الإفلات في {at}',
    canceled: 'تم إلغاء النقل. تبقى {title} في {at}',
    hidden: 'تم إخفاء {title}',
    shown: 'تم إظهار {title} مجددًا',
    reset: 'تمت استعادة الترتيب الافتراضي',
    customize: 'الأدوات المخفية',
    none: 'لا توجد أدوات مخفية',
    show: 'إظهار {title}',
    resetButton: 'إعادة التعيين إلى الافتراضي',
  },
} satisfies Catalog<keyof typeof de>;

export type GridMessage = keyof typeof de;
