"""The review page's parts (app.py lays them out): each renders one part of the page and holds
no linguistics — reading, aligning, analysing, correcting and exporting live in `compare`."""
