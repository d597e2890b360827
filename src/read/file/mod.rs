//! Opening a spreadsheet file: the bytes of a file the clerk dropped on the page
//! or chose, read into the same tab-separated text a paste gives, so everything
//! after works as for a paste. One function, `read_file`, sniffs the format from
//! the bytes (the name's extension only breaks ties) and hands it to one
//! submodule per format: `xlsx` (.xlsx, .xlsm, and WPS .et saved as OOXML, over
//! `zip` and `xml`), `xls` (.xls, and .et as WPS wrote it before OOXML: BIFF8 in
//! a compound file, over `cfb`), `text` (.csv, .txt). Excel 95 and older BIFF
//! are recognised and refused with what to do instead. Nothing here knows wasm
//! or JavaScript.
//!
//! The file reader's conditions are its own `FileProblem`s (kind and Chinese
//! wording here), reported before any evaluation: a file either gives a table's
//! text or leaves the page's input as it was.

mod cfb;
mod text;
mod xls;
mod xlsx;
mod xml;
mod zip;

use serde::Serialize;

/// The cap on the tab-separated text one sheet gives (bytes): far past any table
/// the page computes, and short of what a browser tab's memory survives.
pub const TEXT_CAP: usize = 64 << 20;

/// A sheet of the workbook, in workbook order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SheetInfo {
    pub name: String,
    /// Hidden or very hidden in the workbook.
    pub hidden: bool,
}

/// What reading a file gave: its sheets, the chosen sheet's table as the text a
/// paste gives, and what the clerk should know.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FileRead {
    /// True when `text` holds the table; false when the file was refused.
    pub ok: bool,
    pub file: String,
    /// `xlsx`, `xls`, `csv`, `text`, or "" when refused.
    pub format: &'static str,
    pub sheets: Vec<SheetInfo>,
    /// The sheet read (its name), when the file has sheets.
    pub sheet: Option<String>,
    /// The table as tab-separated text (quoted cells as Excel's copy writes them).
    pub text: String,
    pub rows: u32,
    pub cols: u32,
    /// Merged ranges on the sheet (value in the top-left cell, the rest empty).
    pub merged: u32,
    /// Hidden rows and columns that held something and were left out.
    pub hidden_rows: u32,
    pub hidden_cols: u32,
    pub diagnostics: Vec<FileDiagnostic>,
}

/// A condition met reading a file, as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileDiagnostic {
    /// `error` (nothing read) or `warning`.
    pub level: &'static str,
    /// A stable key such as `file.damaged`.
    pub kind: &'static str,
    pub message: String,
}

/// Every condition the file reader reports.
#[derive(Clone, Debug, PartialEq)]
pub enum FileProblem {
    Empty,
    NotSpreadsheet,
    /// A ZIP (or part of one) cut short or not inflating; `part` names it ("" the archive).
    Damaged { part: String },
    Zip64,
    Encrypted,
    Method(u16),
    /// A part would inflate past the cap.
    TooBig { part: String, bytes: u64 },
    /// A ZIP with no spreadsheet workbook in it (a .docx, a plain archive).
    NoWorkbook,
    Xlsb,
    /// The sheet has no worksheet part (a chart sheet, a dialog sheet).
    NotWorksheet { sheet: String },
    /// BIFF before BIFF8 (Excel 95 and older) in a compound file (.xls, old .et).
    Legacy { et: bool },
    /// The sheet's table is longer than `TEXT_CAP`.
    TextTooBig,
    /// Warnings:
    SheetNotFound { wanted: String, used: String },
    EmptySheet { sheet: String },
    HiddenRows { n: u32 },
    HiddenCols { n: u32 },
    NotUtf8 { bad: usize },
}

impl FileProblem {
    pub fn kind(&self) -> &'static str {
        match self {
            FileProblem::Empty => "file.empty",
            FileProblem::NotSpreadsheet => "file.not_spreadsheet",
            FileProblem::Damaged { .. } => "file.damaged",
            FileProblem::Zip64 => "file.zip64",
            FileProblem::Encrypted => "file.encrypted",
            FileProblem::Method(_) => "file.method",
            FileProblem::TooBig { .. } => "file.too_big",
            FileProblem::NoWorkbook => "file.no_workbook",
            FileProblem::Xlsb => "file.xlsb",
            FileProblem::NotWorksheet { .. } => "file.not_worksheet",
            FileProblem::Legacy { .. } => "file.legacy",
            FileProblem::TextTooBig => "file.text_too_big",
            FileProblem::SheetNotFound { .. } => "file.sheet_not_found",
            FileProblem::EmptySheet { .. } => "file.empty_sheet",
            FileProblem::HiddenRows { .. } => "file.hidden_rows",
            FileProblem::HiddenCols { .. } => "file.hidden_cols",
            FileProblem::NotUtf8 { .. } => "file.not_utf8",
        }
    }

    /// Whether the file gave nothing.
    pub fn is_error(&self) -> bool {
        !matches!(
            self,
            FileProblem::SheetNotFound { .. } | FileProblem::EmptySheet { .. } | FileProblem::HiddenRows { .. } | FileProblem::HiddenCols { .. } | FileProblem::NotUtf8 { .. }
        )
    }

    /// The Chinese wording for the clerk: what is wrong and what was done.
    pub fn message(&self) -> String {
        const SAVE_AS: &str = "请在 Excel/WPS 中另存为 .xlsx 后再打开，或直接复制表格粘贴";
        match self {
            FileProblem::Empty => "文件是空的（0 字节），未读取。".to_string(),
            FileProblem::NotSpreadsheet => "这不是能读取的表格文件。可打开 .xlsx、.xlsm、.xls、.et（WPS）、.csv、.txt 文件，或直接复制表格粘贴。".to_string(),
            FileProblem::Damaged { part } if part.is_empty() => "文件已损坏或不完整（压缩包结构读不出），未能读取。".to_string(),
            FileProblem::Damaged { part } => format!("文件已损坏或不完整（其中“{part}”读不出），未能读取。"),
            FileProblem::Zip64 => format!("文件超过 4 GB 或条目过多（ZIP64 格式），未读取。{SAVE_AS}。"),
            FileProblem::Encrypted => "文件设有打开密码（已加密），无法读取。请在 Excel/WPS 中取消密码后另存，或直接复制表格粘贴。".to_string(),
            FileProblem::Method(m) => format!("文件使用了不支持的压缩方式（{m}），未能读取。{SAVE_AS}。"),
            FileProblem::TooBig { part, bytes } => format!(
                "文件中的“{part}”解压后过大（超过 {} MB），为保护页面未读取。请只复制所需表格粘贴。",
                (bytes >> 20).max(xlsx::PART_CAP >> 20)
            ),
            FileProblem::NoWorkbook => "压缩包中没有 Excel 工作簿，不是表格文件，未读取。".to_string(),
            FileProblem::Xlsb => format!("这是 Excel 二进制工作簿（.xlsb），暂不能直接读取。{SAVE_AS}。"),
            FileProblem::NotWorksheet { sheet } => format!("工作表“{sheet}”不是数据表（可能是图表），没有可读取的单元格。请选择其他工作表。"),
            FileProblem::Legacy { et: false } => format!("这是 Excel 95 或更早版本的 .xls 文件，暂不能直接读取，{SAVE_AS}。"),
            FileProblem::Legacy { et: true } => format!("这是早期版本的 WPS 表格（.et）文件，暂不能直接读取，{SAVE_AS}。"),
            FileProblem::TextTooBig => format!("工作表内容过大（超过 {} MB），为保护页面未读取。请只复制所需表格粘贴。", TEXT_CAP >> 20),
            FileProblem::SheetNotFound { wanted, used } => format!("文件中没有工作表“{wanted}”，已改读“{used}”。"),
            FileProblem::EmptySheet { sheet } => format!("工作表“{sheet}”是空的，没有读到单元格。"),
            FileProblem::HiddenRows { n } => format!("已跳过 {n} 个隐藏行（在 Excel/WPS 中被隐藏的行不计入）。"),
            FileProblem::HiddenCols { n } => format!("已跳过 {n} 个隐藏列（在 Excel/WPS 中被隐藏的列不计入）。"),
            FileProblem::NotUtf8 { bad } => format!("文件不是 UTF-8 编码，{bad} 处无法识别的字符已显示为“\u{FFFD}”。请在 Excel/WPS 中另存为 .xlsx 或“CSV UTF-8”后再打开。"),
        }
    }

    fn diagnostic(&self) -> FileDiagnostic {
        FileDiagnostic { level: if self.is_error() { "error" } else { "warning" }, kind: self.kind(), message: self.message() }
    }
}

/// A sheet's cells as stored (0-based row and column, text as the clerk sees it),
/// with its merged ranges and hidden rows and columns.
#[derive(Debug, Default)]
pub struct Cells {
    pub cells: Vec<(u32, u32, String)>,
    /// `(first row, first col, last row, last col)`.
    pub merged: Vec<(u32, u32, u32, u32)>,
    pub hidden_rows: Vec<u32>,
    /// Column ranges `(first, last)`.
    pub hidden_cols: Vec<(u32, u32)>,
}

impl Cells {
    pub fn put(&mut self, row: u32, col: u32, text: String) {
        self.cells.push((row, col, text));
    }
}

/// The table of a sheet's cells as tab-separated text: hidden rows and columns
/// left out (and counted when they held something), blank rows and columns
/// before the table dropped, trailing blank cells of each row dropped.
fn to_tsv(mut c: Cells, read: &mut FileRead) -> Result<(), FileProblem> {
    c.hidden_rows.sort_unstable();
    c.hidden_rows.dedup();
    let col_hidden = |col: u32| c.hidden_cols.iter().any(|&(a, b)| a <= col && col <= b);
    let row_hidden = |row: u32| c.hidden_rows.binary_search(&row).is_ok();
    let mut skipped_rows: Vec<u32> = Vec::new();
    let mut skipped_cols: Vec<u32> = Vec::new();
    let mut cells: Vec<(u32, u32, String)> = Vec::with_capacity(c.cells.len());
    for (r, col, text) in std::mem::take(&mut c.cells) {
        if row_hidden(r) {
            skipped_rows.push(r);
        } else if col_hidden(col) {
            skipped_cols.push(col);
        } else {
            cells.push((r, col, text));
        }
    }
    skipped_rows.sort_unstable();
    skipped_rows.dedup();
    skipped_cols.sort_unstable();
    skipped_cols.dedup();
    read.hidden_rows = u32::try_from(skipped_rows.len()).unwrap_or(u32::MAX);
    read.hidden_cols = u32::try_from(skipped_cols.len()).unwrap_or(u32::MAX);
    read.merged = u32::try_from(c.merged.len()).unwrap_or(u32::MAX);
    cells.sort_by_key(|&(r, col, _)| (r, col));
    // A cell written twice keeps its last value.
    cells.dedup_by(|later, earlier| {
        if later.0 == earlier.0 && later.1 == earlier.1 {
            std::mem::swap(&mut later.2, &mut earlier.2);
            true
        } else {
            false
        }
    });
    let (Some(first_row), Some(first_col)) = (cells.first().map(|x| x.0), cells.iter().map(|x| x.1).min()) else {
        return Ok(());
    };
    // Output positions skip hidden columns: a column's place is its index less
    // the hidden columns before it.
    let mut hidden: Vec<u32> = Vec::new();
    for &(a, b) in &c.hidden_cols {
        if b.saturating_sub(a) <= 16_384 {
            hidden.extend(a..=b);
        }
    }
    hidden.sort_unstable();
    hidden.dedup();
    let place = |col: u32| col - u32::try_from(hidden.partition_point(|&h| h < col)).unwrap_or(0);
    let base_col = place(first_col);
    let mut out = String::new();
    let mut row = first_row;
    let mut col = base_col;
    let mut rows = 1u32;
    let mut width = 0u32;
    for (r, cidx, text) in &cells {
        // Hidden rows between give no line.
        while row < *r {
            row += 1;
            if !row_hidden(row) {
                out.push('\n');
                rows += 1;
            }
            col = base_col;
        }
        let at = place(*cidx);
        while col < at {
            out.push('\t');
            col += 1;
        }
        text::push_cell(&mut out, text);
        width = width.max(at - base_col + 1);
        if out.len() > TEXT_CAP {
            return Err(FileProblem::TextTooBig);
        }
    }
    read.rows = rows;
    read.cols = width;
    read.text = out;
    Ok(())
}

/// Whether the bytes begin as a compound file (OLE2: .xls, old .et, encrypted OOXML).
fn is_cfb(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Whether the bytes hold `needle` as UTF-16LE (a compound file's stream name).
fn has_utf16(bytes: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(pattern.len()).any(|w| w == pattern.as_slice())
}

fn extension(name: &str) -> String {
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

/// Reads a file's bytes: its sheets, and the chosen sheet (`sheet` by name; ""
/// or a missing name: the first visible sheet) as a paste's text.
pub fn read_file(bytes: &[u8], name: &str, sheet: &str) -> FileRead {
    let mut read = FileRead { file: name.to_string(), ..FileRead::default() };
    let mut notes = Vec::new();
    match read_into(bytes, name, sheet, &mut read, &mut notes) {
        Ok(()) => read.ok = true,
        Err(p) => {
            read.text.clear();
            notes.push(p);
        }
    }
    if read.ok && read.hidden_rows > 0 {
        notes.push(FileProblem::HiddenRows { n: read.hidden_rows });
    }
    if read.ok && read.hidden_cols > 0 {
        notes.push(FileProblem::HiddenCols { n: read.hidden_cols });
    }
    read.diagnostics = notes.iter().map(FileProblem::diagnostic).collect();
    read
}

fn read_into(bytes: &[u8], name: &str, sheet: &str, read: &mut FileRead, notes: &mut Vec<FileProblem>) -> Result<(), FileProblem> {
    let ext = extension(name);
    if bytes.is_empty() {
        return Err(FileProblem::Empty);
    }
    if zip::looks_like_zip(bytes) {
        let wb = xlsx::open(bytes)?;
        read.format = "xlsx";
        read.sheets = wb.sheets();
        let index = choose_sheet(&read.sheets, sheet, notes);
        return read_sheet(read, notes, index, |i| wb.cells(i));
    }
    if is_cfb(bytes) {
        if has_utf16(bytes, "EncryptedPackage") {
            return Err(FileProblem::Encrypted);
        }
        let wb = xls::open(bytes, ext == "et" || ext == "ett")?;
        read.format = "xls";
        read.sheets = wb.sheets();
        let index = choose_sheet(&read.sheets, sheet, notes);
        return read_sheet(read, notes, index, |i| wb.cells(i));
    }
    let looks_text = matches!(ext.as_str(), "csv" | "txt" | "tsv" | "tab") && !bytes.iter().take(4096).any(|&b| b == 0);
    if !looks_text {
        return Err(FileProblem::NotSpreadsheet);
    }
    let (text, bad) = text::decode(bytes);
    if bad > 0 {
        notes.push(FileProblem::NotUtf8 { bad });
    }
    let tsv = if ext == "csv" && text::is_csv(&text) {
        read.format = "csv";
        text::csv_to_tsv(&text)
    } else {
        read.format = "text";
        text
    };
    read.rows = u32::try_from(tsv.lines().count()).unwrap_or(u32::MAX);
    read.cols = u32::try_from(tsv.lines().map(|l| l.split('\t').count()).max().unwrap_or(0)).unwrap_or(u32::MAX);
    read.text = tsv;
    Ok(())
}

/// The sheet named `wanted`, else (and said, when a name was given) the first visible one.
fn choose_sheet(sheets: &[SheetInfo], wanted: &str, notes: &mut Vec<FileProblem>) -> usize {
    let wanted = wanted.trim();
    let first_visible = sheets.iter().position(|s| !s.hidden).unwrap_or(0);
    if wanted.is_empty() {
        return first_visible;
    }
    sheets.iter().position(|s| s.name == wanted).unwrap_or_else(|| {
        let used = sheets.get(first_visible).map(|s| s.name.clone()).unwrap_or_default();
        notes.push(FileProblem::SheetNotFound { wanted: wanted.to_string(), used });
        first_visible
    })
}

/// Sheet `index`'s cells (by `cells`) as the read's text.
fn read_sheet(read: &mut FileRead, notes: &mut Vec<FileProblem>, index: usize, cells: impl FnOnce(usize) -> Result<Cells, FileProblem>) -> Result<(), FileProblem> {
    let sheet_name = read.sheets.get(index).map(|s| s.name.clone()).unwrap_or_default();
    read.sheet = Some(sheet_name.clone());
    to_tsv(cells(index)?, read)?;
    if read.text.is_empty() {
        notes.push(FileProblem::EmptySheet { sheet: sheet_name });
    }
    Ok(())
}

/// `read_file` as the JSON the page reads.
pub fn read_file_json(bytes: &[u8], name: &str, sheet: &str) -> String {
    serde_json::to_string(&read_file(bytes, name, sheet)).unwrap_or_else(|_| "{\"ok\":false}".to_string())
}
