# The one FitTrack function image: the same layout `fn build` makes from
# func.yaml (python runtime, fdk entry point), written out so CI can build it
# with plain Docker. Every function runs it; FITTRACK_FUNCTION picks the handler.
FROM fnproject/python:3.12-dev AS build
WORKDIR /function
COPY requirements.txt /function/
RUN pip3 install --no-cache-dir --target /python/ -r requirements.txt \
    && chmod -R o+r /python
COPY functions/ /function/functions/
COPY shared/ /function/shared/

FROM fnproject/python:3.12
WORKDIR /function
COPY --from=build /python /python
COPY --from=build /function /function
RUN chmod -R o+r /function
ENV PYTHONPATH=/function:/function/shared:/python
ENTRYPOINT ["/python/bin/fdk", "/function/functions/main.py", "handler"]
