import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, ContentTable, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatRupiah } from '../../domain/format';
import { formatRegionCode } from '../../domain/region-code';
import type { BeritaAcaraContent } from './berita-acara-data';
import type { Figures } from './realisasi-sql';
import {
  CHANNEL_NAMES,
  formatCount,
  formatPercent,
  localTime,
  placeName,
  STATUS_DESCRIPTIONS,
} from './report-format';

// pdfmake's bundled Roboto (Apache 2.0) covers Indonesian text; Courier (a standard PDF font,
// nothing to read) prints the audit hash. The printer may read these font files and nothing
// else, and never fetches a URL: a document definition cannot make the server read a file.
const require = createRequire(import.meta.url);
const ROBOTO = require('pdfmake/fonts/Roboto.js') as { Roboto: Record<string, string> };
const ROBOTO_DIR = path.dirname(ROBOTO.Roboto.normal!);
const STANDARD = new Set(['Courier', 'Courier-Bold', 'Courier-Oblique', 'Courier-BoldOblique']);
const printer = pdfmake as unknown as {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (file: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};
printer.setFonts({
  ...ROBOTO,
  Courier: {
    normal: 'Courier',
    bold: 'Courier-Bold',
    italics: 'Courier-Oblique',
    bolditalics: 'Courier-BoldOblique',
  },
});
printer.setUrlAccessPolicy(() => false);
printer.setLocalAccessPolicy((file) => STANDARD.has(file) || path.dirname(path.resolve(file)) === ROBOTO_DIR);

export interface PdfOptions {
  /** Streams are deflated by default; tests turn it off to read the text. */
  compress?: boolean;
}

/**
 * The Berita Acara Rekonsiliasi as an A4 PDF in the usual layout of an official letter of a
 * Dinas: letterhead, title, number, opening sentence, results, statement of the period's
 * state, the audit chain pin, closing sentence and signature blocks. An open period prints
 * as DRAF (watermark and statement): only a finalised period's figures are frozen.
 */
export async function renderBeritaAcaraPdf(
  content: BeritaAcaraContent,
  options: PdfOptions = {},
): Promise<Buffer> {
  return printer.createPdf(beritaAcaraDocument(content, options)).getBuffer();
}

export function beritaAcaraTitle(c: BeritaAcaraContent): string {
  const name = c.program.name.toUpperCase();
  const program = name.includes(c.program.code) ? name : `${name} (${c.program.code})`;
  return `BERITA ACARA REKONSILIASI PENYALURAN BANTUAN SOSIAL ${program} ${c.period.label.toUpperCase()}`;
}

export function beritaAcaraDocument(c: BeritaAcaraContent, options: PdfOptions = {}): TDocumentDefinitions {
  const draft = c.period.status !== 'FINAL';
  const now = localTime(c.generatedAt, c.timeZone);
  const office = `Dinas Sosial ${c.office.kabupatenName}`;
  const channelList = c.channels.map((ch) => CHANNEL_NAMES[ch]).join(', ') || 'lembaga penyalur';
  const title = beritaAcaraTitle(c);
  // A justified line may break after the hyphen of "2026-T2": a non-breaking hyphen keeps the code whole.
  const periodCode = nbHyphen(c.period.code);
  let section = 0;
  const heading = (text: string): Content => ({ text: `${++section}. ${text}`, style: 'section' });

  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 60],
    compress: options.compress ?? true,
    info: {
      title: `Berita Acara Rekonsiliasi ${c.program.code} ${c.period.code}`,
      subject: title,
      author: office,
      creator: 'Salur',
      keywords: `${c.program.code} ${c.period.code} ${draft ? 'DRAF' : 'FINAL'}`,
    },
    ...(draft ? { watermark: { text: 'DRAF', opacity: 0.08, bold: true } } : {}),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      kop1: { fontSize: 13, bold: true, alignment: 'center' },
      kop2: { fontSize: 16, bold: true, alignment: 'center' },
      kop3: { fontSize: 9, alignment: 'center' },
      title: { fontSize: 12, bold: true, alignment: 'center', margin: [0, 14, 0, 2] },
      section: { bold: true, margin: [0, 10, 0, 4] },
      th: { bold: true, fontSize: 9, fillColor: '#eeeeee', alignment: 'center' },
      td: { fontSize: 9 },
      num: { fontSize: 9, alignment: 'right' },
      small: { fontSize: 8, color: '#444444' },
      draft: { bold: true, color: '#b00020' },
    },
    header: draft
      ? {
          text: 'DRAF — belum final, tidak untuk ditandatangani',
          style: 'draft',
          alignment: 'right',
          margin: [0, 24, 56, 0],
        }
      : undefined,
    footer: (page, pages) => ({
      columns: [
        {
          text: `Berita Acara Rekonsiliasi ${c.program.code} ${c.period.code} · dibuat Salur ${now.dateText} ${now.time} oleh ${c.generatedBy}`,
          style: 'small',
        },
        { text: `Halaman ${page} dari ${pages}`, style: 'small', alignment: 'right', width: 90 },
      ],
      margin: [56, 20, 56, 0],
    }),
    content: [
      { text: `PEMERINTAH ${c.office.kabupatenName.toUpperCase()}`, style: 'kop1' },
      { text: 'DINAS SOSIAL', style: 'kop2' },
      {
        text: [c.office.kabupatenName, c.office.provinceName].filter(Boolean).join(', Provinsi '),
        style: 'kop3',
      },
      { canvas: [{ type: 'line', x1: 0, y1: 4, x2: 483, y2: 4, lineWidth: 1.5 }] },
      { text: title, style: 'title' },
      {
        text: `Nomor: ........../BA-REKON/${c.program.code}/${c.period.code}`,
        alignment: 'center',
        margin: [0, 0, 0, 12],
      },
      {
        text:
          `Pada hari ini ${now.weekday}, tanggal ${now.dateText}, kami yang bertanda tangan di bawah ini telah ` +
          `melaksanakan rekonsiliasi penyaluran bantuan sosial ${c.program.name} (${c.program.code}) ` +
          `${c.period.label} (periode ${periodCode}) antara ${office} dan ${channelList}, berdasarkan data ` +
          'alokasi dari Kementerian Sosial dan laporan penyaluran lembaga penyalur yang tercatat pada aplikasi ' +
          'Salur, dengan hasil sebagai berikut:',
        alignment: 'justify',
      },

      heading('Rekapitulasi hasil rekonsiliasi per status'),
      statusTable(c),

      heading('Realisasi penyaluran'),
      {
        text:
          `Realisasi ${c.program.code} ${c.period.label}: ${formatCount(c.total.kpm)} KPM dengan nilai ` +
          `${formatRupiah(c.total.paid)}, atau ${formatPercent(c.total.paid, c.total.allocated)} dari nilai ` +
          `alokasi ${formatRupiah(c.total.allocated)} untuk ${formatCount(c.total.allocatedKpm)} KPM. Realisasi ` +
          'menghitung KPM teralokasi yang menerima pembayaran sekurang-kurangnya satu kali dan seluruh rupiah ' +
          'yang dibayarkan kepada mereka.',
        alignment: 'justify',
      },

      heading('Penyaluran yang tidak dialokasikan (TIDAK_DIALOKASIKAN)'),
      unallocatedBlock(c),

      heading('Rekapitulasi per lembaga penyalur'),
      figuresTable(
        ['Lembaga penyalur'],
        c.byChannel.map((r) => ({ label: [CHANNEL_NAMES[r.channel]], figures: r })),
        c.total,
      ),

      heading('Rekapitulasi per kecamatan'),
      figuresTable(
        ['Kode', 'Kecamatan'],
        c.byKecamatan.map((r) => ({
          label: [formatRegionCode(r.code), r.name ?? '(tidak dikenal)'],
          figures: r,
        })),
        c.total,
      ),

      heading('Status periode'),
      ...periodStatement(c),

      heading('Jejak audit'),
      {
        text: [
          'Unduhan dokumen ini dicatat pada jejak audit Salur sebagai entri nomor ',
          { text: String(c.audit.lastId), bold: true },
          `. Saat itu rantai audit berisi ${formatCount(c.audit.entries)} entri dengan hash entri terakhir:`,
        ],
        alignment: 'justify',
      },
      { text: c.audit.lastHash, font: 'Courier', fontSize: 8.5, margin: [0, 3, 0, 3] },
      {
        text:
          'Pemeriksaan `salur audit verify` di kemudian hari harus tetap menemukan entri ini dengan hash yang sama; ' +
          'bila tidak, jejak audit telah diubah atau dipotong setelah Berita Acara ini ditandatangani.',
        style: 'small',
        alignment: 'justify',
      },

      signatures(c, now.dateText),
    ],
  };
}

function statusTable(c: BeritaAcaraContent): ContentTable {
  const body: TableCell[][] = [
    ['No', 'Status', 'Keterangan', 'KPM', 'Nilai alokasi', 'Nilai tersalur'].map((text) => ({
      text,
      style: 'th',
    })),
    ...c.byStatus.map((row, i) => [
      { text: String(i + 1), style: 'td' },
      { text: row.status, style: 'td', fontSize: 8 },
      { text: STATUS_DESCRIPTIONS[row.status], style: 'td' },
      { text: formatCount(row.allocatedKpm), style: 'num' },
      { text: formatRupiah(row.allocated), style: 'num' },
      { text: formatRupiah(row.paid), style: 'num' },
    ]),
    [
      { text: 'Jumlah', colSpan: 3, bold: true, style: 'td' },
      {},
      {},
      { text: formatCount(c.total.allocatedKpm), style: 'num', bold: true },
      { text: formatRupiah(c.total.allocated), style: 'num', bold: true },
      { text: formatRupiah(c.total.paid), style: 'num', bold: true },
    ],
  ];
  return {
    table: { headerRows: 1, widths: [16, 104, '*', 40, 80, 80], body },
    layout: 'lightHorizontalLines',
  };
}

function figuresTable(
  labels: string[],
  rows: Array<{ label: string[]; figures: Figures }>,
  total: Figures,
): ContentTable {
  const head = [...labels, 'KPM alokasi', 'Nilai alokasi', 'KPM tersalur', 'Nilai tersalur'];
  const cells = (f: Figures, bold = false): TableCell[] => [
    { text: formatCount(f.allocatedKpm), style: 'num', bold },
    { text: formatRupiah(f.allocated), style: 'num', bold },
    { text: formatCount(f.kpm), style: 'num', bold },
    { text: formatRupiah(f.paid), style: 'num', bold },
  ];
  const body: TableCell[][] = [
    head.map((text) => ({ text, style: 'th' })),
    ...rows.map((r) => [...r.label.map((text) => ({ text, style: 'td' })), ...cells(r.figures)]),
    [
      { text: 'Jumlah', bold: true, style: 'td', colSpan: labels.length },
      ...labels.slice(1).map(() => ({})),
      ...cells(total, true),
    ],
  ];
  const widths = labels.length === 1 ? ['*', 44, 82, 44, 82] : [44, '*', 40, 82, 40, 82];
  return { table: { headerRows: 1, widths, body }, layout: 'lightHorizontalLines' };
}

function unallocatedBlock(c: BeritaAcaraContent): Content {
  if (c.unallocated.length === 0) {
    return { text: 'Tidak terdapat baris laporan penyaluran yang tidak cocok dengan alokasi.' };
  }
  const sum = c.unallocated.reduce(
    (s, r) => ({ lines: s.lines + r.lines, paidLines: s.paidLines + r.paidLines, paid: s.paid + r.paid }),
    {
      lines: 0,
      paidLines: 0,
      paid: 0,
    },
  );
  return {
    stack: [
      {
        text:
          `Terdapat ${formatCount(sum.lines)} baris laporan penyaluran yang tidak cocok dengan alokasi mana pun, ` +
          `${formatCount(sum.paidLines)} di antaranya dibayar dengan nilai ${formatRupiah(sum.paid)}. Nilai ini ` +
          'tidak termasuk realisasi dan perlu ditelusuri bersama lembaga penyalur (potensi kebocoran).',
        alignment: 'justify',
        margin: [0, 0, 0, 4],
      },
      {
        table: {
          headerRows: 1,
          widths: ['*', 60, 60, 90],
          body: [
            ['Lembaga penyalur', 'Baris', 'Dibayar', 'Nilai dibayar'].map((text) => ({ text, style: 'th' })),
            ...c.unallocated.map((r) => [
              { text: CHANNEL_NAMES[r.channel], style: 'td' },
              { text: formatCount(r.lines), style: 'num' },
              { text: formatCount(r.paidLines), style: 'num' },
              { text: formatRupiah(r.paid), style: 'num' },
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
      },
    ],
  };
}

function nbHyphen(text: string): string {
  return text.replaceAll('-', '\u2011');
}

function periodStatement(c: BeritaAcaraContent): Content[] {
  const periodCode = nbHyphen(c.period.code);
  const reconciled = localTime(c.period.reconciledAt, c.timeZone);
  const lines: Content[] = [];
  if (c.period.status === 'FINAL' && c.period.finalisedAt) {
    const at = localTime(c.period.finalisedAt, c.timeZone);
    lines.push({
      text:
        `Periode ${periodCode} telah difinalkan pada ${at.dateText} pukul ${at.time}` +
        `${c.period.finalisedBy ? ` oleh ${c.period.finalisedBy}` : ''}: data alokasi, laporan penyaluran dan ` +
        'hasil rekonsiliasi periode ini dibekukan.',
      alignment: 'justify',
    });
  } else {
    lines.push({
      text: [
        { text: 'DRAF. ', style: 'draft' },
        `Periode ${periodCode} BELUM difinalkan: angka di atas masih dapat berubah bila ada impor atau ` +
          'rekonsiliasi baru. Berita Acara ini belum sah untuk ditandatangani; finalkan periode lalu unduh kembali.',
      ],
      alignment: 'justify',
    });
  }
  lines.push({
    text: `Hasil rekonsiliasi yang dimuat adalah hasil proses terakhir pada ${reconciled.dateText} pukul ${reconciled.time}.`,
    margin: [0, 3, 0, 0],
  });
  if (c.period.stale) {
    lines.push({
      text:
        'Perhatian: ada berkas alokasi atau laporan penyaluran yang diimpor setelah rekonsiliasi terakhir; ' +
        'jalankan rekonsiliasi ulang sebelum dokumen ini dipakai.',
      style: 'draft',
      margin: [0, 3, 0, 0],
    });
  }
  return lines;
}

function signatureBlock(lines: string[], idLabel: string): Content {
  return {
    stack: [
      ...lines.map((text) => ({ text, alignment: 'center' as const })),
      { text: ' ', margin: [0, 28, 0, 0] },
      { text: '(.......................................................)', alignment: 'center' },
      {
        text: `${idLabel} ...............................................`,
        alignment: 'center',
        fontSize: 9,
      },
    ],
  };
}

function signatures(c: BeritaAcaraContent, dateText: string): Content {
  const officers = c.channels.map((ch) =>
    signatureBlock(['Petugas lembaga penyalur', CHANNEL_NAMES[ch]], 'NIP/No. Pegawai'),
  );
  const rows: Content[] = [];
  for (let i = 0; i < officers.length; i += 2) {
    const pair = officers.slice(i, i + 2);
    rows.push({
      columns: pair.length === 2 ? pair : [{ text: '' }, ...pair],
      columnGap: 20,
      margin: [0, 12, 0, 0],
    });
  }
  return {
    // The closing sentence stays on the page of the signatures it introduces.
    unbreakable: true,
    stack: [
      {
        text: 'Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
        margin: [0, 14, 0, 0],
      },
      {
        text: `${placeName(c.office.kabupatenName)}, ${dateText}`,
        alignment: 'right',
        margin: [0, 14, 0, 0],
      },
      ...rows,
      {
        columns: [
          { text: '' },
          signatureBlock(['Mengetahui,', `Kepala Dinas Sosial ${c.office.kabupatenName}`], 'NIP.'),
          { text: '' },
        ],
        margin: [0, 18, 0, 0],
      },
    ],
  };
}
