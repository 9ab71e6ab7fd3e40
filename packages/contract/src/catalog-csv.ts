/**
 * The columns of a catalogue uploaded as CSV (`POST /v1/admin/catalog`, `text/csv`): every field of a catalogue
 * item, nested ones dotted. Here so that the server's parser and the console's downloadable template name the same
 * columns.
 */
export const CATALOG_CSV_COLUMNS = [
  'id',
  'kind',
  'name',
  'description',
  'cuisine',
  'diet',
  'allergens',
  'price.amount',
  'price.currency',
  'region',
  'restaurantId',
  'image.url',
  'image.width',
  'image.height',
  'image.alt',
  'url',
  'tags',
  'seasonMonths',
  'requirements.minLocations',
  'requirements.services',
  'requirements.restaurantTypes',
  'createdAt',
] as const;
export type CatalogCsvColumn = (typeof CATALOG_CSV_COLUMNS)[number];

/** Columns holding lists: the cell's values are separated by `|`. */
export const CATALOG_CSV_LISTS: ReadonlySet<CatalogCsvColumn> = new Set<CatalogCsvColumn>([
  'diet',
  'allergens',
  'tags',
  'seasonMonths',
  'requirements.services',
  'requirements.restaurantTypes',
]);

/** Example rows of the template: a restaurant and one of its dishes (columns left out stay empty). */
const TEMPLATE_ROWS: readonly Partial<Record<CatalogCsvColumn, string>>[] = [
  { id: 'r-1', kind: 'restaurant', name: 'Zaatar Haus', cuisine: 'lebanese', region: 'Berlin-Mitte' },
  {
    id: 'd-1',
    kind: 'dish',
    name: 'Falafel-Teller',
    description: 'Falafel, Hummus und Salat',
    cuisine: 'lebanese',
    diet: 'vegan|vegetarian',
    allergens: 'sesame',
    'price.amount': '11.50',
    'price.currency': 'EUR',
    restaurantId: 'r-1',
    tags: 'main',
  },
];

/** A CSV file a tenant can fill in: the header with every column, then the example rows. */
export function catalogCsvTemplate(): string {
  const line = (cells: readonly string[]) =>
    cells.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',');
  return [
    line(CATALOG_CSV_COLUMNS),
    ...TEMPLATE_ROWS.map((row) => line(CATALOG_CSV_COLUMNS.map((column) => row[column] ?? ''))),
  ]
    .map((text) => `${text}\r\n`)
    .join('');
}
