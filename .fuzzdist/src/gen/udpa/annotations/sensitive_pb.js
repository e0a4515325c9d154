// THIS FILE IS DEPRECATED
// Users should instead use the corresponding proto in the xds tree.
// No new changes will be accepted here.
import { extDesc, fileDesc } from "@bufbuild/protobuf/codegenv2";
import { file_google_protobuf_descriptor } from "@bufbuild/protobuf/wkt";
/**
 * Describes the file udpa/annotations/sensitive.proto.
 */
export const file_udpa_annotations_sensitive = /*@__PURE__*/ fileDesc("CiB1ZHBhL2Fubm90YXRpb25zL3NlbnNpdGl2ZS5wcm90bxIQdWRwYS5hbm5vdGF0aW9uczo+CglzZW5zaXRpdmUSHS5nb29nbGUucHJvdG9idWYuRmllbGRPcHRpb25zGPe2wSQgASgIUglzZW5zaXRpdmVCJFoiZ2l0aHViLmNvbS9jbmNmL3hkcy9nby9hbm5vdGF0aW9uc2IGcHJvdG8z", [file_google_protobuf_descriptor]);
/**
 * Magic number is the 28 most significant bits in the sha256sum of "udpa.annotations.sensitive".
 * When set to true, `sensitive` indicates that this field contains sensitive data, such as
 * personally identifiable information, passwords, or private keys, and should be redacted for
 * display by tools aware of this annotation. Note that that this has no effect on standard
 * Protobuf functions such as `TextFormat::PrintToString`.
 *
 * @generated from extension: bool sensitive = 76569463;
 */
export const sensitive = /*@__PURE__*/ extDesc(file_udpa_annotations_sensitive, 0);
//# sourceMappingURL=sensitive_pb.js.map