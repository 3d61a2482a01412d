"""The HR documents editor (HR 1.01, the employer an organisation or an ИП): a form per kind, the
employee from the directory, flow actions."""
