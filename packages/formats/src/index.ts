// @landwatch/formats: delivery formats (GeoPackage, Shapefile, File Geodatabase, zips of them) into the indexed
// FlatGeobuf a run reads. docs/FORMATS.md explains the choices.
//   convert          convertToFlatGeobuf, deliveryFormat, needsConversion
//   choose-layer     the layer rule (asked for, else DLTBGXGC, else the only polygon layer)
//   shapefile-set    companions, record counts, .cpg / GBK encoding
//   zip-contents     zip limits, names that escape, the one candidate
//   delivery         asFlatGeobuf: the input itself or a converted copy with its cleanup (CLI call sites)
//   upload           what the ingest accepts under changes/{year}/ and its conversion of a downloaded upload
export { convertToFlatGeobuf, deliveryFormat, needsConversion, type ConvertOptions, type ConvertResult, type DeliveryFormat } from './convert.ts';
export { chooseLayer, DEFAULT_LAYER_NAME, isPolygonType, type LayerChoice, type LayerSummary } from './choose-layer.ts';
export { checkShapefileSet, DEFAULT_DBF_ENCODING, gdalEncodingName } from './shapefile-set.ts';
export { DEFAULT_ZIP_LIMITS, escapesArchive, zipContents, type ZipLimits } from './zip-contents.ts';
export { asFlatGeobuf, type DeliveryOptions, type FlatGeobufDelivery } from './delivery.ts';
export { convertUpload, fetchAndConvertUpload, isAcceptedUploadKey, uploadCompanionKeys, type UploadDownloader } from './upload.ts';
