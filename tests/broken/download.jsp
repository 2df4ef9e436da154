%PDF-1.4
%‚„œ”
1 0 obj
<< /Type /Catalog /Pages 2 0 R >>
endobj
2 0 obj
<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>
endobj
3 0 obj
<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>
endobj
4 0 obj
<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>
endobj
5 0 obj
<< /Length 50 >>
stream
BT /F1 12 Tf 72 760 Td (Page one reads fine) Tj ET
endstream
endobj
6 0 obj
<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 7 0 R >>
endobj
7 0 obj
<< /Length 50 >>
stream
BT /F1 12 Tf 72 760 Td (Page two reads fine) Tj ET
endstream
endobj
xref
0 8
0000000000 65535 f 
0000000015 00000 n 
0000000064 00000 n 
0000000127 00000 n 
0000000224 00000 n 
0000000350 00000 n 
0000000450 00000 n 
0000000576 00000 n 
trailer
<< /Size 8 /Root 1 0 R >>
startxref
676
%%EOF
