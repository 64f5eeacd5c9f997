"""Where a request or a volunteer is: offline look-up of the commune, optional address API."""
