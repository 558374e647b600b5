/**
 * The fixed parts of an Excel workbook (Office Open XML, ECMA-376): the package's content types and
 * relationships, the workbook with its sheets, and the styles the cells use. Only what the export
 * needs; the sheets themselves are streamed by sheet-writer.ts.
 */
import { xmlAttribute } from './xml-text.ts';

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Style indexes into `cellXfs` below. */
export const STYLE = { general: 0, header: 1, date: 2, dateTime: 3, text: 4, integer: 5 } as const;

export const sheetPath = (index: number) => `xl/worksheets/sheet${index + 1}.xml`;

export function contentTypes(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Override PartName="/${sheetPath(i)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return (
    `${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    `${sheets}</Types>`
  );
}

export function packageRelationships(): string {
  return (
    `${XML_HEADER}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
    `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
  );
}

export function workbookRelationships(sheetCount: number): string {
  const sheets = Array.from({ length: sheetCount }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  return (
    `${XML_HEADER}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${sheets.join('')}` +
    `<Relationship Id="rId${sheetCount + 1}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`
  );
}

export interface SheetEntry {
  name: string;
  /** The autofilter's range, e.g. `$A$1:$L$1001`. */
  filterRange: string;
}

/** The workbook: its sheets in order, and each sheet's autofilter range as Excel itself records it. */
export function workbook(sheets: readonly SheetEntry[]): string {
  const sheetList = sheets.map((sheet, i) => `<sheet name="${xmlAttribute(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const filters = sheets
    .map((sheet, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${sheet.name.replaceAll("'", "''")}'!${sheet.filterRange}</definedName>`)
    .join('');
  return `${XML_HEADER}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><bookViews><workbookView/></bookViews><sheets>${sheetList}</sheets><definedNames>${filters}</definedNames></workbook>`;
}

/** Fonts (regular, bold), number formats (date, date and time, text, whole number) and the cell styles of STYLE. */
export function styles(): string {
  const font = (bold: boolean) => `<font>${bold ? '<b/>' : ''}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
  const xf = (numFmtId: number, fontId = 0) =>
    `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}/>`;
  return (
    `${XML_HEADER}<styleSheet xmlns="${MAIN}">` +
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>' +
    `<fonts count="2">${font(false)}${font(true)}</fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    // in STYLE's order: general, header (bold text), date, date and time, text (@), whole number (0)
    `<cellXfs count="6">${xf(0)}${xf(49, 1)}${xf(164)}${xf(165)}${xf(49)}${xf(1)}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

/** `0` → `A`, `25` → `Z`, `26` → `AA`. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
