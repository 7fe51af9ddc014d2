#!/usr/bin/python3
"""The scikit-learn peer of Kiln's serving benchmark (run by bench/serve/run.sh).

What `mlflow models serve` runs for a scikit-learn model, without MLflow itself: FastAPI on
uvicorn (one worker, as MLflow's default), POST /invocations reading MLflow's dataframe_split
into a pandas DataFrame and answering {"predictions": [...]} from the pipeline's predict().
The model: one-hot encoding of the text columns and HistGradientBoostingClassifier, trained on
the same rows as Kiln's model (telco churn, data row i is a test row when i % 5 == 0).

  peer_fastapi.py TRAIN_CSV PORT
"""
import sys

import pandas as pd
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sklearn.compose import make_column_transformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder


def train(path):
    df = pd.read_csv(path)
    y = df.pop("churn")
    text = [c for c in df.columns if df[c].dtype == object]
    encode = make_column_transformer((OneHotEncoder(handle_unknown="ignore"), text), remainder="passthrough")
    return make_pipeline(encode, HistGradientBoostingClassifier(random_state=0)).fit(df, y)


model = train(sys.argv[1])
app = FastAPI()


@app.get("/ping")
def ping():
    return JSONResponse({})


@app.post("/invocations")
async def invocations(request: Request):
    payload = await request.json()
    split = payload["dataframe_split"]
    frame = pd.DataFrame(data=split["data"], columns=split["columns"])
    return JSONResponse({"predictions": model.predict(frame).tolist()})


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", workers=1)
