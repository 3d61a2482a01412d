"""The УПД editor: seller title 5.03 with live amounts and issues beside the fields."""
