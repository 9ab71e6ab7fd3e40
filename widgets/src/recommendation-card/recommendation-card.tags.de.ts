/** German texts of recommendation-card: the source of the keys every locale has, and the fallback of every lookup. */
export const de = {
  // Cuisines
  lebanese: 'Libanesisch',
  syrian: 'Syrisch',
  turkish: 'Türkisch',
  italian: 'Italienisch',
  german: 'Deutsch',
  indian: 'Indisch',
  japanese: 'Japanisch',
  vietnamese: 'Vietnamesisch',
  mexican: 'Mexikanisch',
  greek: 'Griechisch',
  chinese: 'Chinesisch',
  thai: 'Thailändisch',
  korean: 'Koreanisch',
  french: 'Französisch',
  spanish: 'Spanisch',
  american: 'Amerikanisch',
  persian: 'Persisch',
  moroccan: 'Marokkanisch',
  ethiopian: 'Äthiopisch',
  // Courses
  starter: 'Vorspeise',
  main: 'Hauptgericht',
  side: 'Beilage',
  dessert: 'Dessert',
  drink: 'Getränk',
  breakfast: 'Frühstück',
  snack: 'Snack',
  // Character (diet names come from the contract, below)
  spicy: 'scharf',
  // Owner features
  upgrade: 'Upgrade',
  service: 'Service',
  marketing: 'Marketing',
};
