"""The HR documents editor (HR 1.00): a form per kind, the employee from the directory, flow actions."""
