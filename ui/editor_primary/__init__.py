"""The акт and ТОРГ-12 (5.01) editors: the УПД editor's parts over the 5.01 JSON input."""
